package dev.pharos.web.api;

import dev.pharos.json.JsonWriter;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.promql.parser.ParseException;
import dev.pharos.promql.parser.Parser;
import dev.pharos.rules.Alert;
import dev.pharos.rules.AlertingRule;
import dev.pharos.rules.RecordingRule;
import dev.pharos.rules.Rule;
import dev.pharos.rules.RuleGroup;
import dev.pharos.service.RuleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** /api/v1/rules with Prometheus's filters. Role: reader. */
@Path("/rules")
@RequestScoped
@RolesAllowed(Roles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    @Inject
    RuleService rules;

    @GET
    public Response rules(@QueryParam("type") String type,
                          @QueryParam("rule_name[]") List<String> ruleNames,
                          @QueryParam("rule_group[]") List<String> ruleGroups,
                          @QueryParam("file[]") List<String> files,
                          @QueryParam("exclude_alerts") String excludeAlerts,
                          @QueryParam("match[]") List<String> match,
                          @QueryParam("group_limit") String groupLimit,
                          @QueryParam("group_next_token") String groupNextToken) {
        long maxGroups = 0;
        if (groupLimit != null && !groupLimit.isEmpty()) {
            try {
                maxGroups = Long.parseLong(groupLimit);
            } catch (NumberFormatException e) {
                maxGroups = -1;
            }
            if (maxGroups <= 0) {
                return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "group_limit needs to be greater than 0");
            }
        }
        boolean wantAlerts = true;
        boolean wantRecords = true;
        if (type != null && !type.isEmpty()) {
            String t = type.toLowerCase(java.util.Locale.ROOT);
            if (t.equals("alert")) {
                wantRecords = false;
            } else if (t.equals("record")) {
                wantAlerts = false;
            } else {
                return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "not supported value \"" + type + "\"");
            }
        }
        boolean exclude = false;
        if (excludeAlerts != null && !excludeAlerts.isEmpty()) {
            if (excludeAlerts.equalsIgnoreCase("true") || excludeAlerts.equals("1") || excludeAlerts.equalsIgnoreCase("t")) {
                exclude = true;
            } else if (!(excludeAlerts.equalsIgnoreCase("false") || excludeAlerts.equals("0")
                    || excludeAlerts.equalsIgnoreCase("f"))) {
                return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA,
                        "parsing exclude_alerts: strconv.ParseBool: parsing \"" + excludeAlerts + "\": invalid syntax");
            }
        }
        List<List<LabelMatcher>> matcherSets = new ArrayList<>();
        for (String m : match == null ? List.<String>of() : match) {
            try {
                matcherSets.add(Parser.parseSelector(m).matchers);
            } catch (ParseException e) {
                return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, e.getMessage());
            }
        }
        boolean filtered = !isEmpty(ruleNames) || !isEmpty(ruleGroups) || !isEmpty(files) || !matcherSets.isEmpty()
                || !wantAlerts || !wantRecords;
        List<RuleGroup> groups = rules.groups();
        List<RuleGroup> pageGroups = new ArrayList<>();
        List<List<Rule>> pageRules = new ArrayList<>();
        boolean started = groupNextToken == null || groupNextToken.isEmpty() || maxGroups == 0;
        String next = null;
        for (RuleGroup g : groups) {
            if (!isEmpty(ruleGroups) && !ruleGroups.contains(g.name())) {
                continue;
            }
            if (!isEmpty(files) && !files.contains(g.file())) {
                continue;
            }
            if (!started) {
                if (!nextToken(g).equals(groupNextToken)) {
                    continue;
                }
                started = true;
            }
            List<Rule> selected = new ArrayList<>();
            for (Rule r : g.rules()) {
                if (r instanceof AlertingRule && !wantAlerts || r instanceof RecordingRule && !wantRecords) {
                    continue;
                }
                if (!isEmpty(ruleNames) && !ruleNames.contains(r.name())) {
                    continue;
                }
                if (!matcherSets.isEmpty() && !matchesAny(matcherSets, r.labels())) {
                    continue;
                }
                selected.add(r);
            }
            if (filtered && selected.isEmpty()) {
                continue;
            }
            if (maxGroups > 0 && pageGroups.size() == maxGroups) {
                // one more group exists beyond this page: hand out its token
                next = nextToken(g);
                break;
            }
            pageGroups.add(g);
            pageRules.add(selected);
        }
        if (!started) {
            return ApiResponse.error(ApiResponse.ErrorType.BAD_DATA, "invalid group_next_token");
        }
        final boolean excl = exclude;
        final String nextTok = next;
        return ApiResponse.success(json -> {
            json.beginObject().name("groups").beginArray();
            for (int i = 0; i < pageGroups.size(); i++) {
                RuleGroup g = pageGroups.get(i);
                json.beginObject().member("name", g.name()).member("file", g.file());
                json.name("rules").beginArray();
                for (Rule r : pageRules.get(i)) {
                    writeRule(json, r, excl);
                }
                json.endArray();
                json.name("interval").value(g.intervalMillis() / 1000.0);
                json.member("limit", g.limit());
                json.name("evaluationTime").value(g.evaluationSeconds());
                json.member("lastEvaluation", ApiTime.rfc3339(g.lastEvaluation()));
                json.endObject();
            }
            json.endArray();
            if (nextTok != null) {
                json.member("groupNextToken", nextTok);
            }
            json.endObject();
        });
    }

    /** Prometheus's page token: hex SHA-1 of "file;name" of the first group of the next page. */
    static String nextToken(RuleGroup g) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-1")
                    .digest((g.file() + ";" + g.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isEmpty(List<String> l) {
        return l == null || l.isEmpty();
    }

    private static boolean matchesAny(List<List<LabelMatcher>> sets, Labels l) {
        for (List<LabelMatcher> set : sets) {
            boolean all = true;
            for (LabelMatcher m : set) {
                if (!m.matches(l)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static void writeRule(JsonWriter json, Rule r, boolean excludeAlerts) throws IOException {
        json.beginObject();
        if (r instanceof AlertingRule a) {
            json.member("state", a.state().wireName())
                    .member("name", a.name())
                    .member("query", a.query())
                    .name("duration").value(a.holdMillis() / 1000.0)
                    .name("keepFiringFor").value(a.keepFiringMillis() / 1000.0);
            json.name("labels");
            labels(json, a.labels());
            json.name("annotations");
            labels(json, a.annotations());
            if (!excludeAlerts) {
                json.name("alerts").beginArray();
                for (Alert al : a.activeAlerts()) {
                    writeAlert(json, al);
                }
                json.endArray();
            }
        } else {
            json.member("name", r.name()).member("query", r.query());
            json.name("labels");
            labels(json, r.labels());
        }
        json.member("health", r.health().wireName());
        if (!r.lastError().isEmpty()) {
            json.member("lastError", r.lastError());
        }
        json.name("evaluationTime").value(r.evaluationSeconds());
        json.member("lastEvaluation", ApiTime.rfc3339(r.lastEvaluation()));
        json.member("type", r instanceof AlertingRule ? "alerting" : "recording");
        json.endObject();
    }

    static void writeAlert(JsonWriter json, Alert a) throws IOException {
        json.beginObject();
        json.name("labels");
        labels(json, a.labels());
        json.name("annotations");
        labels(json, a.annotations());
        json.member("state", a.state().wireName());
        json.member("activeAt", ApiTime.rfc3339(a.activeAt()));
        if (a.keepFiringSince() != 0) {
            json.member("keepFiringSince", ApiTime.rfc3339(a.keepFiringSince()));
        }
        json.member("value", Alert.formatValue(a.value()));
        json.endObject();
    }

    static void labels(JsonWriter json, Labels l) throws IOException {
        json.beginObject();
        for (int i = 0; i < l.size(); i++) {
            json.member(l.name(i), l.value(i));
        }
        json.endObject();
    }
}
