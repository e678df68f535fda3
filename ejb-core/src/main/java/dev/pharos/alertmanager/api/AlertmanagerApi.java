package dev.pharos.alertmanager.api;

import dev.pharos.alertmanager.Alert;
import dev.pharos.alertmanager.AlertMarker;
import dev.pharos.alertmanager.AlertStore;
import dev.pharos.alertmanager.ClusterMembership;
import dev.pharos.alertmanager.GoTime;
import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.MatcherParseException;
import dev.pharos.alertmanager.Matchers;
import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ReceiverConfig;
import dev.pharos.alertmanager.dispatch.AlertOrder;
import dev.pharos.alertmanager.dispatch.Dispatcher;
import dev.pharos.alertmanager.dispatch.Route;
import dev.pharos.alertmanager.inhibit.Inhibitor;
import dev.pharos.alertmanager.silence.Silence;
import dev.pharos.alertmanager.silence.SilenceException;
import dev.pharos.alertmanager.silence.SilenceState;
import dev.pharos.alertmanager.silence.Silences;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Alertmanager API v2 as plain Java: each method takes the request's parameters (or its
 * parsed JSON body) and returns the response body as Map/List trees in the original's key
 * order (or throws {@link ApiException} with the status and message the original answers).
 * The lead's JAX-RS resources serialise the trees with {@link Json#write}.
 */
public final class AlertmanagerApi {

    /** Build information for /status. */
    public record VersionInfo(String version, String revision, String branch, String buildUser, String buildDate,
            String goVersion) {
    }

    private final AlertmanagerConfig config;
    private final AlertStore alerts;
    private final AlertMarker marker;
    private final Silences silences;
    private final Inhibitor inhibitor;
    private final Dispatcher dispatcher;
    private final Route tree;
    private final Clock clock;
    private final Instant startedAt;
    private volatile ClusterMembership cluster = ClusterMembership.DISABLED;
    private final VersionInfo version;

    public AlertmanagerApi(AlertmanagerConfig config, AlertStore alerts, AlertMarker marker, Silences silences,
            Inhibitor inhibitor, Dispatcher dispatcher, Clock clock, Instant startedAt, VersionInfo version) {
        this.config = config;
        this.alerts = alerts;
        this.marker = marker;
        this.silences = silences;
        this.inhibitor = inhibitor;
        this.dispatcher = dispatcher;
        this.tree = dispatcher.tree();
        this.clock = clock;
        this.startedAt = startedAt;
        this.version = version;
    }

    // ------------------------------------------------------------------ alerts

    /** GET /api/v2/alerts. */
    public List<Object> getAlerts(AlertQuery q) {
        List<LabelMatcher> filter = parseFilter(q.filter());
        Pattern receiver = receiverPattern(q.receiver());
        Instant now = clock.instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : alerts.list()) {
            List<String> receivers = tree.matchReceivers(a.labels());
            if (receiver != null && receivers.stream().noneMatch(r -> receiver.matcher(r).matches())) {
                continue;
            }
            if (!passes(a, q, filter, now)) {
                continue;
            }
            out.add(gettableAlert(a, marker.status(a.fingerprint()), receivers));
        }
        out.sort(Comparator.comparing(m -> (String) m.get("fingerprint")));
        return new ArrayList<>(out);
    }

    /** The original's alert filter; also refreshes the alert's silenced/inhibited status. */
    private boolean passes(Alert a, AlertQuery q, List<LabelMatcher> filter, Instant now) {
        if (a.resolvedAt(now)) {
            return false;
        }
        if (inhibitor != null) {
            inhibitor.mutes(a.labels());
        }
        silences.mutes(a.labels(), marker);
        AlertMarker.Status st = marker.status(a.fingerprint());
        if (!q.active() && st.state().equals("active")) {
            return false;
        }
        if (!q.unprocessed() && st.state().equals("unprocessed")) {
            return false;
        }
        if (!q.silenced() && !st.silencedBy().isEmpty()) {
            return false;
        }
        if (!q.inhibited() && !st.inhibitedBy().isEmpty()) {
            return false;
        }
        return matchesFilter(filter, a.labels().toMap());
    }

    /** =, =~ need the label present; != and !~ are checked against the value or "". */
    static boolean matchesFilter(List<LabelMatcher> filter, Map<String, String> labels) {
        for (LabelMatcher m : filter) {
            String v = labels.get(m.name());
            if (m.type() == MatchType.NOT_EQUAL || m.type() == MatchType.NOT_REGEX) {
                if (!m.matches(v == null ? "" : v)) {
                    return false;
                }
            } else if (v == null || !m.matches(v)) {
                return false;
            }
        }
        return true;
    }

    static Map<String, Object> gettableAlert(Alert a, AlertMarker.Status st, List<String> receivers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("annotations", new TreeMap<>(a.annotations()));
        m.put("endsAt", GoTime.rfc3339Millis(a.endsAt()));
        m.put("fingerprint", a.fingerprintHex());
        List<Object> rs = new ArrayList<>();
        for (String r : receivers) {
            rs.add(Map.of("name", r));
        }
        m.put("receivers", rs);
        m.put("startsAt", GoTime.rfc3339Millis(a.startsAt()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("inhibitedBy", st.inhibitedBy());
        status.put("mutedBy", st.mutedBy());
        status.put("silencedBy", st.silencedBy());
        status.put("state", st.state());
        m.put("status", status);
        m.put("updatedAt", GoTime.rfc3339Millis(a.updatedAt()));
        if (!a.generatorURL().isEmpty()) {
            m.put("generatorURL", a.generatorURL());
        }
        m.put("labels", a.labels().toMap());
        return m;
    }

    /**
     * POST /api/v2/alerts with the parsed JSON body (a list of postable alerts). Valid alerts
     * are stored even when others are invalid; then a 400 lists the errors, as the original.
     */
    public void postAlerts(Object body) {
        if (!(body instanceof List<?> list)) {
            throw new ApiException(400, "alerts in body must be of type array");
        }
        Instant now = clock.instant();
        List<Alert> valid = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Object o : list) {
            try {
                valid.add(postableAlert(o, now));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        alerts.put(valid);
        if (!errors.isEmpty()) {
            throw new ApiException(400, String.join("; ", errors));
        }
    }

    private Alert postableAlert(Object o, Instant now) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("alert must be an object");
        }
        Labels.Builder lb = new Labels.Builder();
        Map<String, String> rawLabels = stringMap(m.get("labels"), "labels");
        for (Map.Entry<String, String> e : rawLabels.entrySet()) {
            if (!Matchers.isValidLabelName(e.getKey())) {
                throw new IllegalArgumentException("invalid label set: invalid name " + quote(e.getKey()));
            }
            lb.set(e.getKey(), e.getValue()); // empty values are dropped, as the original removes them
        }
        Labels labels = lb.build();
        Map<String, String> annotations = stringMap(m.get("annotations"), "annotations");
        for (String k : annotations.keySet()) {
            if (!Matchers.isValidLabelName(k)) {
                throw new IllegalArgumentException("invalid annotations: invalid name " + quote(k));
            }
        }
        Instant start = time(m.get("startsAt"));
        Instant end = time(m.get("endsAt"));
        if (start == null) {
            start = end == null ? now : end;
        }
        boolean timeout = false;
        if (end == null) {
            timeout = true;
            end = now.plus(config.global().resolveTimeout());
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("start time must be before end time");
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one label pair required");
        }
        Object gen = m.get("generatorURL");
        return new Alert(labels, annotations, start, end, now, gen == null ? "" : gen.toString(), timeout);
    }

    // ------------------------------------------------------------------ groups

    /** GET /api/v2/alerts/groups. */
    public List<Object> getAlertGroups(AlertQuery q) {
        List<LabelMatcher> filter = parseFilter(q.filter());
        Pattern receiver = receiverPattern(q.receiver());
        Instant now = clock.instant();
        record Group(Labels labels, String receiver, String routeId, List<Alert> alerts) {
        }
        List<Group> groups = new ArrayList<>();
        Map<Long, List<String>> receiversByAlert = new LinkedHashMap<>();
        for (Dispatcher.GroupSnapshot g : dispatcher.groups()) {
            String r = g.route().opts().receiver();
            if (receiver != null && !receiver.matcher(r).matches()) {
                continue;
            }
            List<Alert> kept = new ArrayList<>();
            for (Alert a : g.alerts()) {
                Alert current = alerts.get(a.fingerprint());
                Alert shown = current != null ? current : a;
                if (!passes(shown, q, filter, now)) {
                    continue;
                }
                receiversByAlert.computeIfAbsent(a.fingerprint(), k -> new ArrayList<>()).add(r);
                kept.add(shown);
            }
            if (kept.isEmpty()) {
                continue;
            }
            if (!q.muted() && kept.stream().allMatch(a -> marker.status(a.fingerprint()).state().equals("suppressed"))) {
                continue;
            }
            kept.sort(AlertOrder.INSTANCE);
            groups.add(new Group(g.groupLabels(), r, g.route().id(), kept));
        }
        groups.sort((x, y) -> {
            if (!x.labels.equals(y.labels)) {
                return AlertOrder.before(x.labels, y.labels) ? -1 : 1;
            }
            int c = x.receiver.compareTo(y.receiver);
            return c != 0 ? c : x.routeId.compareTo(y.routeId);
        });
        receiversByAlert.values().forEach(l -> l.sort(null));
        List<Object> out = new ArrayList<>();
        for (Group g : groups) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> as = new ArrayList<>();
            for (Alert a : g.alerts) {
                as.add(gettableAlert(a, marker.status(a.fingerprint()), receiversByAlert.get(a.fingerprint())));
            }
            m.put("alerts", as);
            m.put("labels", g.labels.toMap());
            m.put("receiver", Map.of("name", g.receiver));
            m.put("routeLabels", Map.of());
            out.add(m);
        }
        return out;
    }

    // ------------------------------------------------------------------ silences

    /** GET /api/v2/silences. */
    public List<Object> getSilences(List<String> filterParams, boolean active, boolean pending, boolean expired) {
        List<LabelMatcher> filter = parseFilter(filterParams);
        Instant now = clock.instant();
        List<Silence> kept = new ArrayList<>();
        for (Silence s : silences.list()) {
            SilenceState st = s.state(now);
            if ((st == SilenceState.ACTIVE && !active) || (st == SilenceState.PENDING && !pending)
                    || (st == SilenceState.EXPIRED && !expired)) {
                continue;
            }
            Map<String, String> asLabels = new LinkedHashMap<>();
            s.matchers().forEach(m -> asLabels.put(m.name(), m.value()));
            if (matchesFilter(filter, asLabels)) {
                kept.add(s);
            }
        }
        kept.sort((a, b) -> {
            SilenceState x = a.state(now);
            SilenceState y = b.state(now);
            if (x != y) {
                return Integer.compare(rank(x), rank(y));
            }
            return switch (x) {
                case ACTIVE -> a.endsAt().compareTo(b.endsAt());
                case PENDING -> a.startsAt().compareTo(b.startsAt());
                case EXPIRED -> b.endsAt().compareTo(a.endsAt());
            };
        });
        List<Object> out = new ArrayList<>();
        for (Silence s : kept) {
            out.add(gettableSilence(s, now));
        }
        return out;
    }

    public List<Object> getSilences(List<String> filterParams) {
        return getSilences(filterParams, true, true, true);
    }

    private static int rank(SilenceState s) {
        return switch (s) {
            case ACTIVE -> 0;
            case PENDING -> 1;
            case EXPIRED -> 2;
        };
    }

    /** GET /api/v2/silence/{id}; 404 with an empty body when unknown. */
    public Map<String, Object> getSilence(String id) {
        Silence s = silences.get(id).orElseThrow(() -> new ApiException(404, ""));
        return gettableSilence(s, clock.instant());
    }

    static Map<String, Object> gettableSilence(Silence s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", Map.of("state", s.state(now).apiName()));
        m.put("updatedAt", GoTime.rfc3339Millis(s.updatedAt()));
        m.put("comment", s.comment());
        m.put("createdBy", s.createdBy());
        m.put("endsAt", GoTime.rfc3339Millis(s.endsAt()));
        List<Object> ms = new ArrayList<>();
        for (LabelMatcher lm : s.matchers()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("isEqual", lm.type() == MatchType.EQUAL || lm.type() == MatchType.REGEX);
            mm.put("isRegex", lm.type() == MatchType.REGEX || lm.type() == MatchType.NOT_REGEX);
            mm.put("name", lm.name());
            mm.put("value", lm.value());
            ms.add(mm);
        }
        m.put("matchers", ms);
        m.put("startsAt", GoTime.rfc3339Millis(s.startsAt()));
        return m;
    }

    /** POST /api/v2/silences with the parsed body; returns {@code {"silenceID": id}}. */
    public Map<String, Object> postSilence(Object body) {
        if (!(body instanceof Map<?, ?> m)) {
            throw new ApiException(400, "silence in body is required");
        }
        for (String req : new String[] {"matchers", "startsAt", "endsAt", "createdBy", "comment"}) {
            if (m.get(req) == null) {
                throw new ApiException(400, req + " in body is required");
            }
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        if (!(m.get("matchers") instanceof List<?> ml) || ml.isEmpty()) {
            throw new ApiException(400, "matchers in body should have at least 1 items");
        }
        for (Object o : ml) {
            if (!(o instanceof Map<?, ?> mm) || mm.get("name") == null || mm.get("value") == null
                    || mm.get("isRegex") == null) {
                throw new ApiException(400, "matchers must have name, value and isRegex");
            }
            boolean regex = Boolean.TRUE.equals(mm.get("isRegex"));
            boolean equal = mm.get("isEqual") == null || Boolean.TRUE.equals(mm.get("isEqual"));
            MatchType t = regex ? (equal ? MatchType.REGEX : MatchType.NOT_REGEX)
                    : (equal ? MatchType.EQUAL : MatchType.NOT_EQUAL);
            try {
                matchers.add(Matchers.create(t, mm.get("name").toString(), mm.get("value").toString()));
            } catch (MatcherParseException e) {
                throw new ApiException(400, e.getMessage());
            }
        }
        Instant start;
        Instant end;
        try {
            start = OffsetDateTime.parse(m.get("startsAt").toString()).toInstant();
            end = OffsetDateTime.parse(m.get("endsAt").toString()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid time: " + e.getMessage());
        }
        if (!start.isBefore(end)) {
            throw new ApiException(400, "Failed to create silence: start time must be before end time");
        }
        if (end.isBefore(clock.instant())) {
            throw new ApiException(400, "Failed to create silence: end time can't be in the past");
        }
        String id = m.get("id") == null ? null : m.get("id").toString();
        try {
            String sid = silences.set(new Silence(id, matchers, start, end, null, m.get("createdBy").toString(),
                    m.get("comment").toString()));
            return Map.of("silenceID", sid);
        } catch (SilenceException e) {
            throw new ApiException(e.notFound() ? 404 : 400, e.getMessage());
        }
    }

    /** DELETE /api/v2/silence/{id}. */
    public void deleteSilence(String id) {
        try {
            silences.expire(id);
        } catch (SilenceException e) {
            throw new ApiException(e.notFound() ? 404 : 500, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ receivers, status

    /** GET /api/v2/receivers. */
    public List<Object> getReceivers() {
        List<Object> out = new ArrayList<>();
        for (ReceiverConfig r : config.receivers()) {
            out.add(Map.of("name", r.name()));
        }
        return out;
    }

    /** The membership /api/v2/status shows (default: disabled, a lone instance). */
    public void setCluster(ClusterMembership membership) {
        this.cluster = membership == null ? ClusterMembership.DISABLED : membership;
    }

    /** GET /api/v2/status. */
    public Map<String, Object> getStatus() {
        Map<String, Object> cluster = this.cluster.toJson(clock.instant());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("branch", version.branch());
        v.put("buildDate", version.buildDate());
        v.put("buildUser", version.buildUser());
        v.put("goVersion", version.goVersion());
        v.put("revision", version.revision());
        v.put("version", version.version());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", cluster);
        m.put("config", Map.of("original", config.secretHiddenYaml()));
        m.put("uptime", GoTime.rfc3339Millis(startedAt));
        m.put("versionInfo", v);
        return m;
    }

    // ------------------------------------------------------------------ helpers

    /** Parses repeated {@code filter} parameters; a bad one is a 400 with the parser's message. */
    public static List<LabelMatcher> parseFilter(List<String> filter) {
        List<LabelMatcher> out = new ArrayList<>();
        if (filter == null) {
            return out;
        }
        for (String f : filter) {
            try {
                out.add(Matchers.parseOne(f));
            } catch (MatcherParseException e) {
                throw new ApiException(400, e.getMessage());
            }
        }
        return out;
    }

    private static Pattern receiverPattern(String receiver) {
        if (receiver == null || receiver.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile("^(?:" + receiver + ")$");
        } catch (PatternSyntaxException e) {
            throw new ApiException(400, "failed to parse receiver param: " + e.getDescription());
        }
    }

    private static Map<String, String> stringMap(Object o, String what) {
        Map<String, String> out = new TreeMap<>();
        if (o == null) {
            return out;
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        return out;
    }

    private static Instant time(Object o) {
        if (o == null || o.toString().isEmpty()) {
            return null;
        }
        if (o instanceof BigDecimal) {
            throw new IllegalArgumentException("invalid time " + o);
        }
        try {
            Instant t = OffsetDateTime.parse(o.toString()).toInstant();
            return t.equals(Instant.parse("0001-01-01T00:00:00Z")) ? null : t;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid time " + quote(o.toString()));
        }
    }

    private static String quote(String s) {
        return dev.pharos.alertmanager.GoQuote.quote(s);
    }
}
