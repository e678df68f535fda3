package dev.pharos.notifier;

import dev.pharos.json.JsonWriter;
import dev.pharos.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Alertmanager API v2 PostableAlerts: the JSON array Prometheus posts to /api/v2/alerts. */
public final class AlertJson {

    /** go-openapi strfmt.DateTime's format: RFC 3339 with milliseconds, in UTC. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AlertJson() {
    }

    public static String time(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }

    public static byte[] encode(List<NotifierAlert> alerts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * alerts.size() + 2);
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginArray();
            for (NotifierAlert a : alerts) {
                w.beginObject();
                w.name("labels");
                labels(w, a.labels());
                w.name("annotations");
                labels(w, a.annotations());
                if (a.startsAt() != 0) {
                    w.member("startsAt", time(a.startsAt()));
                }
                if (a.endsAt() != 0) {
                    w.member("endsAt", time(a.endsAt()));
                }
                w.member("generatorURL", a.generatorURL());
                w.endObject();
            }
            w.endArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void labels(JsonWriter w, Labels l) throws IOException {
        w.beginObject();
        for (int i = 0; i < l.size(); i++) {
            w.member(l.name(i), l.value(i));
        }
        w.endObject();
    }
}
