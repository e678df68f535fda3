package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.Alert;
import dev.pharos.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of one notification, as the original's template.Data: receiver (regex-quoted, as
 * the original does), status, alerts, group/common labels and annotations, external URL; plus
 * the group key, which payloads need.
 */
public record NotificationData(String receiver, String status, List<AlertData> alerts, Map<String, String> groupLabels,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations, String externalURL,
        String groupKey) {

    /** One alert of a notification. */
    public record AlertData(String status, Map<String, String> labels, Map<String, String> annotations,
            Instant startsAt, Instant endsAt, String generatorURL, String fingerprint) {
    }

    public static NotificationData of(String receiverName, String groupKey, Labels groupLabels, List<Alert> alerts,
            String externalURL, Instant now) {
        List<AlertData> data = new ArrayList<>();
        boolean anyFiring = false;
        for (Alert a : alerts) {
            String st = a.status(now);
            anyFiring |= st.equals("firing");
            data.add(new AlertData(st, a.labels().toMap(), new TreeMap<>(a.annotations()), a.startsAt(), a.endsAt(),
                    a.generatorURL(), a.fingerprintHex()));
        }
        Map<String, String> common = new TreeMap<>();
        Map<String, String> commonAnn = new TreeMap<>();
        if (!data.isEmpty()) {
            common.putAll(data.get(0).labels());
            commonAnn.putAll(data.get(0).annotations());
            for (AlertData d : data.subList(1, data.size())) {
                common.entrySet().removeIf(e -> !e.getValue().equals(d.labels().get(e.getKey())));
                commonAnn.entrySet().removeIf(e -> !e.getValue().equals(d.annotations().get(e.getKey())));
            }
        }
        return new NotificationData(quoteMeta(receiverName), anyFiring ? "firing" : "resolved", List.copyOf(data),
                groupLabels.toMap(), common, commonAnn, externalURL, groupKey);
    }

    public List<AlertData> firing() {
        return alerts.stream().filter(a -> a.status().equals("firing")).toList();
    }

    public List<AlertData> resolved() {
        return alerts.stream().filter(a -> a.status().equals("resolved")).toList();
    }

    /** Go's regexp.QuoteMeta. */
    public static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The Go template field names (Receiver, Status, Alerts, ...) for the template engine. */
    public Map<String, Object> toTemplateMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Receiver", receiver);
        m.put("Status", status);
        List<Map<String, Object>> as = new ArrayList<>();
        for (AlertData a : alerts) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("Status", a.status());
            am.put("Labels", a.labels());
            am.put("Annotations", a.annotations());
            am.put("StartsAt", a.startsAt());
            am.put("EndsAt", a.endsAt());
            am.put("GeneratorURL", a.generatorURL());
            am.put("Fingerprint", a.fingerprint());
            as.add(am);
        }
        m.put("Alerts", as);
        m.put("GroupLabels", groupLabels);
        m.put("CommonLabels", commonLabels);
        m.put("CommonAnnotations", commonAnnotations);
        m.put("ExternalURL", externalURL);
        return m;
    }
}
