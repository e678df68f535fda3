package dev.pharos.alertmanager.silence;

import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.alertmanager.Fingerprints;
import dev.pharos.alertmanager.Matchers;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The silences engine: create, update and expire with the original's rules, query, and mute
 * alerts (recording silencedBy in the marker). Expired silences are kept for the retention
 * (default 120h) after their end, then garbage-collected.
 */
public final class Silences {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);

    private final SilenceStore store;
    private final Clock clock;
    private final Duration retention;
    private final Supplier<String> ids;

    public Silences(SilenceStore store, Clock clock) {
        this(store, clock, DEFAULT_RETENTION, () -> UUID.randomUUID().toString());
    }

    public Silences(SilenceStore store, Clock clock, Duration retention, Supplier<String> ids) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.ids = ids;
    }

    /**
     * Creates a silence (id null or empty) or updates one. An update that changes the matchers,
     * moves an active silence's start, ends it in the past, or touches an expired silence
     * creates a new silence instead (expiring the old one when it was not yet expired), as the
     * original does. Returns the id of the stored silence.
     */
    public synchronized String set(Silence s) {
        Instant now = clock.instant();
        Optional<Silence> prev = Optional.empty();
        if (s.id() != null && !s.id().isEmpty()) {
            prev = store.get(s.id());
            if (prev.isEmpty()) {
                throw new SilenceException("silence not found", true);
            }
        }
        if (prev.isPresent() && canUpdate(prev.get(), s, now)) {
            Silence updated = s.withTimes(s.startsAt(), s.endsAt(), now);
            validate(updated);
            store.put(updated);
            return updated.id();
        }
        Silence created = s.withId(ids.get());
        Instant start = created.startsAt().isBefore(now) ? now : created.startsAt();
        created = created.withTimes(start, created.endsAt(), now);
        validate(created);
        store.put(created);
        if (prev.isPresent() && prev.get().state(now) != SilenceState.EXPIRED) {
            expire(prev.get().id());
        }
        return created.id();
    }

    private static boolean canUpdate(Silence a, Silence b, Instant now) {
        if (!sameMatchers(a.matchers(), b.matchers())) {
            return false;
        }
        return switch (a.state(now)) {
            case ACTIVE -> b.startsAt().equals(a.startsAt()) && !b.endsAt().isBefore(now);
            case PENDING -> !b.startsAt().isBefore(now);
            case EXPIRED -> false;
        };
    }

    private static boolean sameMatchers(List<LabelMatcher> a, List<LabelMatcher> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            LabelMatcher x = a.get(i);
            LabelMatcher y = b.get(i);
            if (x.type() != y.type() || !x.name().equals(y.name()) || !x.value().equals(y.value())) {
                return false;
            }
        }
        return true;
    }

    static void validate(Silence s) {
        if (s.id() == null || s.id().isEmpty()) {
            throw new SilenceException("ID missing", false);
        }
        if (s.matchers().isEmpty()) {
            throw new SilenceException("at least one matcher required", false);
        }
        boolean allMatchEmpty = true;
        for (int i = 0; i < s.matchers().size(); i++) {
            LabelMatcher m = s.matchers().get(i);
            if (!Matchers.isValidLabelName(m.name())) {
                throw new SilenceException("invalid label matcher " + i + ": invalid label name \"" + m.name() + "\"",
                        false);
            }
            allMatchEmpty &= m.matchesEmpty();
        }
        if (allMatchEmpty) {
            throw new SilenceException("at least one matcher must not match the empty string", false);
        }
        if (s.startsAt() == null) {
            throw new SilenceException("invalid zero start timestamp", false);
        }
        if (s.endsAt() == null) {
            throw new SilenceException("invalid zero end timestamp", false);
        }
        if (s.endsAt().isBefore(s.startsAt())) {
            throw new SilenceException("end time must not be before start time", false);
        }
    }

    /** Expires a silence now (DELETE /silence/{id}). */
    public synchronized void expire(String id) {
        Silence s = store.get(id).orElseThrow(() -> new SilenceException("silence not found", true));
        Instant now = clock.instant();
        switch (s.state(now)) {
            case EXPIRED -> throw new SilenceException("silence " + id + " already expired", false);
            case ACTIVE -> store.put(s.withTimes(s.startsAt(), now, now));
            case PENDING -> store.put(s.withTimes(now, now, now));
            default -> throw new IllegalStateException();
        }
    }

    public Optional<Silence> get(String id) {
        return store.get(id);
    }

    /** All silences, optionally only those whose matchers all appear in a filter (API semantics are in the api package). */
    public List<Silence> list() {
        List<Silence> out = new ArrayList<>(store.all());
        out.sort(Comparator.comparing(Silence::id));
        return out;
    }

    /** Ids of the active silences that match the labels, sorted; also records them in the marker. */
    public List<String> mutes(Labels labels, AlertMarker marker) {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>();
        for (Silence s : store.all()) {
            if (s.state(now) == SilenceState.ACTIVE && Matchers.matchesAll(s.matchers(), labels)) {
                ids.add(s.id());
            }
        }
        ids.sort(null);
        if (marker != null) {
            marker.setSilenced(Fingerprints.of(labels), ids);
        }
        return ids;
    }

    /** Deletes silences whose end lies more than the retention in the past. Returns how many. */
    public synchronized int gc() {
        Instant limit = clock.instant().minus(retention);
        int n = 0;
        for (Silence s : store.all()) {
            if (s.endsAt().isBefore(limit)) {
                store.delete(s.id());
                n++;
            }
        }
        return n;
    }
}
