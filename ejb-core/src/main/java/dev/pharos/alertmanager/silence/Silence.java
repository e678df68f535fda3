package dev.pharos.alertmanager.silence;

import dev.pharos.model.LabelMatcher;
import java.time.Instant;
import java.util.List;

/** A silence: matchers muting alerts between startsAt and endsAt. */
public record Silence(String id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, Instant updatedAt,
        String createdBy, String comment) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** pending before start, active before end, expired from the end on. */
    public SilenceState state(Instant now) {
        if (now.isBefore(startsAt)) {
            return SilenceState.PENDING;
        }
        if (now.isBefore(endsAt)) {
            return SilenceState.ACTIVE;
        }
        return SilenceState.EXPIRED;
    }

    public Silence withId(String newId) {
        return new Silence(newId, matchers, startsAt, endsAt, updatedAt, createdBy, comment);
    }

    public Silence withTimes(Instant start, Instant end, Instant updated) {
        return new Silence(id, matchers, start, end, updated, createdBy, comment);
    }
}
