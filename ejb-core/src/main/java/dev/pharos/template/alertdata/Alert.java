package dev.pharos.template.alertdata;

import dev.pharos.template.GoStruct;
import dev.pharos.template.GoTime;
import java.util.List;
import java.util.Map;

/** Alertmanager's template.Alert: one alert of a notification. */
public record Alert(String status, KV labels, KV annotations, GoTime startsAt, GoTime endsAt, String generatorURL,
        String fingerprint) implements GoStruct {

    private static final List<String> FIELDS = List.of("Status", "Labels", "Annotations", "StartsAt", "EndsAt",
            "GeneratorURL", "Fingerprint");

    @Override
    public String goTypeName() {
        return "template.Alert";
    }

    @Override
    public List<String> goFieldNames() {
        return FIELDS;
    }

    @Override
    public Object goField(String name) {
        switch (name) {
            case "Status":
                return status;
            case "Labels":
                return labels;
            case "Annotations":
                return annotations;
            case "StartsAt":
                return startsAt;
            case "EndsAt":
                return endsAt;
            case "GeneratorURL":
                return generatorURL;
            case "Fingerprint":
                return fingerprint;
            default:
                return NO_FIELD;
        }
    }

    /** From the JSON shape amtool and the webhook use (status, labels, annotations, startsAt...). */
    @SuppressWarnings("unchecked")
    public static Alert fromMap(Map<String, Object> m) {
        return new Alert(str(m.get("status")), kv(m.get("labels")), kv(m.get("annotations")),
                time(m.get("startsAt")), time(m.get("endsAt")), str(m.get("generatorURL")), str(m.get("fingerprint")));
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    @SuppressWarnings("unchecked")
    static KV kv(Object o) {
        if (o == null) {
            return KV.EMPTY;
        }
        Map<String, String> m = new java.util.TreeMap<>();
        ((Map<String, Object>) o).forEach((k, v) -> m.put(k, str(v)));
        return new KV(m);
    }

    static GoTime time(Object o) {
        return o == null ? GoTime.ZERO : GoTime.parseRfc3339(o.toString());
    }
}
