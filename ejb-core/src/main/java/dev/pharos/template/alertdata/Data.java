package dev.pharos.template.alertdata;

import dev.pharos.template.GoStruct;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's template.Data, the dot of notification templates: .Receiver, .Status,
 * .Alerts, .GroupLabels, .CommonLabels, .CommonAnnotations, .ExternalURL.
 */
public record Data(String receiver, String status, Alerts alerts, KV groupLabels, KV commonLabels,
        KV commonAnnotations, String externalURL) implements GoStruct {

    private static final List<String> FIELDS = List.of("Receiver", "Status", "Alerts", "GroupLabels", "CommonLabels",
            "CommonAnnotations", "ExternalURL");

    @Override
    public String goTypeName() {
        return "template.Data";
    }

    @Override
    public List<String> goFieldNames() {
        return FIELDS;
    }

    @Override
    public Object goField(String name) {
        switch (name) {
            case "Receiver":
                return receiver;
            case "Status":
                return status;
            case "Alerts":
                return alerts;
            case "GroupLabels":
                return groupLabels;
            case "CommonLabels":
                return commonLabels;
            case "CommonAnnotations":
                return commonAnnotations;
            case "ExternalURL":
                return externalURL;
            default:
                return NO_FIELD;
        }
    }

    /** From the JSON shape of the webhook payload / amtool --template.data (camelCase keys). */
    @SuppressWarnings("unchecked")
    public static Data fromMap(Map<String, Object> m) {
        Alerts alerts = new Alerts();
        Object list = m.get("alerts");
        if (list != null) {
            for (Object a : (List<Object>) list) {
                alerts.add(Alert.fromMap((Map<String, Object>) a));
            }
        }
        return new Data(Alert.str(m.get("receiver")), Alert.str(m.get("status")), alerts, Alert.kv(m.get("groupLabels")),
                Alert.kv(m.get("commonLabels")), Alert.kv(m.get("commonAnnotations")), Alert.str(m.get("externalURL")));
    }
}
