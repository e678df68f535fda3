package dev.pharos.alertmanager.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a receiver's {@code *_configs} list. Fields are kept as the plain values read
 * from YAML (String, List, Map) with global defaults already applied, so that notifiers read
 * what they need and unknown integrations are still carried through.
 */
public final class IntegrationConfig {

    private final IntegrationType type;
    private final int index;
    private final Map<String, Object> values;
    private final boolean sendResolved;
    private HttpClientConfig httpConfig;

    IntegrationConfig(IntegrationType type, int index, Map<String, Object> values, boolean sendResolved,
            HttpClientConfig httpConfig) {
        this.type = type;
        this.index = index;
        this.values = new LinkedHashMap<>(values);
        this.sendResolved = sendResolved;
        this.httpConfig = httpConfig;
    }

    public IntegrationType type() {
        return type;
    }

    /** Position within its type's list in the receiver, as the original numbers integrations. */
    public int index() {
        return index;
    }

    public boolean sendResolved() {
        return sendResolved;
    }

    /** Null for email (which has no HTTP client). */
    public HttpClientConfig httpConfig() {
        return httpConfig;
    }

    void httpConfig(HttpClientConfig c) {
        this.httpConfig = c;
    }

    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String key) {
        Object v = values.get(key);
        return v != null && !(v instanceof String s && s.isEmpty());
    }

    /** String value, "" when absent. */
    public String str(String key) {
        Object v = values.get(key);
        return v == null ? "" : v instanceof String s ? s : String.valueOf(v);
    }

    /** The value, or {@code dflt} when it is absent or empty (for settings where the original treats "" as unset). */
    public String str(String key, String dflt) {
        return has(key) ? str(key) : dflt;
    }

    /**
     * Whether the key was written in the YAML at all, even as {@code ''} or with no value. The
     * original decodes onto a copy of its Default*Config, so an explicit empty (or null) value
     * replaces a default while an absent key keeps it.
     */
    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** The written value ("" for an explicit empty or null one), or {@code dflt} when the key is absent. */
    public String strOrDefault(String key, String dflt) {
        return values.containsKey(key) ? str(key) : dflt;
    }

    public boolean bool(String key) {
        String s = str(key);
        return s.equals("true") || s.equals("yes") || s.equals("on") || s.equals("True");
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object v = values.get(key);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object v = values.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    /** Applies a Default*Config value: only an absent key takes it, an explicit empty one stays empty. */
    void defaultIfAbsent(String key, Object value) {
        if (!values.containsKey(key)) {
            values.put(key, value);
        }
    }

    void putIfAbsent(String key, Object value) {
        if (!has(key)) {
            values.put(key, value);
        }
    }
}
