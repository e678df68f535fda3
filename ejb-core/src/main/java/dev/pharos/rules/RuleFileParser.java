package dev.pharos.rules;

import dev.pharos.config.ConfigException;
import dev.pharos.config.YamlNode;
import dev.pharos.promql.parser.ParseException;
import dev.pharos.promql.parser.Parser;
import dev.pharos.relabel.NameValidation;
import dev.pharos.template.FunctionSet;
import dev.pharos.template.PrometheusTemplates;
import dev.pharos.template.TemplateParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Prometheus's rule file format ({@code groups:} of recording and alerting rules) and
 * validates it as Prometheus's rulefmt does: strict YAML fields, unique group names, exactly
 * one of record/alert, a parseable expression, valid names, templates that parse. All errors
 * of a file are collected, each naming the group and the 1-based rule index.
 */
public final class RuleFileParser {

    private RuleFileParser() {
    }

    public static List<GroupSpec> parse(Path file, NameValidation scheme) throws RuleFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(file.toString(), List.of("error reading file: " + e.getMessage()));
        }
        return parse(text, file.toString(), scheme);
    }

    public static List<GroupSpec> parse(String text, String file, NameValidation scheme) throws RuleFileException {
        List<String> errors = new ArrayList<>();
        List<GroupSpec> groups = new ArrayList<>();
        try {
            YamlNode root = YamlNode.parse(text, file);
            if (root.isNull()) {
                return List.of();
            }
            YamlNode.Fields top = root.fields("rulefmt.RuleGroups");
            List<YamlNode> groupNodes = top.take("groups").list();
            top.finish();
            Set<String> seen = new HashSet<>();
            for (YamlNode gn : groupNodes) {
                GroupSpec g = group(gn, file, scheme, errors);
                if (g == null) {
                    continue;
                }
                if (g.name().isEmpty()) {
                    errors.add(gn.line() + ": Groupname must not be empty");
                }
                if (!seen.add(g.name())) {
                    errors.add(gn.line() + ": groupname: \"" + g.name() + "\" is repeated in the same file");
                }
                groups.add(g);
            }
        } catch (ConfigException e) {
            String field = e.field() == null || e.field().isEmpty() ? "" : "field \"" + e.field() + "\": ";
            errors.add(e.line() + ": " + field + e.reason());
        }
        if (!errors.isEmpty()) {
            throw new RuleFileException(file, errors);
        }
        return List.copyOf(groups);
    }

    private static GroupSpec group(YamlNode gn, String file, NameValidation scheme, List<String> errors)
            throws ConfigException {
        YamlNode.Fields f = gn.fields("rulefmt.RuleGroup");
        String name = f.take("name").str();
        Duration interval = f.present("interval") ? f.take("interval").duration() : null;
        Duration offset = f.present("query_offset") ? f.take("query_offset").duration() : null;
        int limit = f.present("limit") ? f.take("limit").int32() : 0;
        Map<String, String> labels = stringMap(f.take("labels"));
        List<YamlNode> ruleNodes = f.present("rules") ? f.take("rules").list() : List.of();
        f.ignore("source_tenants");
        f.finish();
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!scheme.isValidLabelName(l.getKey()) || l.getKey().equals("__name__")) {
                errors.add("group \"" + name + "\": invalid label name: " + l.getKey());
            }
        }
        List<RuleSpec> rules = new ArrayList<>();
        for (int i = 0; i < ruleNodes.size(); i++) {
            YamlNode rn = ruleNodes.get(i);
            YamlNode.Fields rf = rn.fields("rulefmt.RuleNode");
            String record = rf.take("record").str();
            String alert = rf.take("alert").str();
            String expr = rf.take("expr").str();
            Duration forD = rf.present("for") ? rf.take("for").duration() : Duration.ZERO;
            Duration keep = rf.present("keep_firing_for") ? rf.take("keep_firing_for").duration() : Duration.ZERO;
            Map<String, String> rl = stringMap(rf.take("labels"));
            Map<String, String> ann = stringMap(rf.take("annotations"));
            rf.finish();
            RuleSpec r = new RuleSpec(record, alert, expr, forD, keep, rl, ann);
            String prefix = rn.line() + ": group " + quote(name) + ", rule " + (i + 1) + ", "
                    + quote(alert.isEmpty() ? record : alert) + ": ";
            for (String e : validate(r, scheme)) {
                errors.add(prefix + e);
            }
            rules.add(r);
        }
        return new GroupSpec(name, file, interval, offset, limit, labels, List.copyOf(rules));
    }

    /** Go's %q for the plain text names that appear here. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static Map<String, String> stringMap(YamlNode n) throws ConfigException {
        Map<String, String> m = new LinkedHashMap<>();
        if (n.isNull()) {
            return m;
        }
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            m.put(e.getKey(), e.getValue().str());
        }
        return m;
    }

    /** The rule-level checks of Prometheus's RuleNode.Validate, in its order. */
    static List<String> validate(RuleSpec r, NameValidation scheme) {
        List<String> errs = new ArrayList<>();
        if (!r.record().isEmpty() && !r.alert().isEmpty()) {
            errs.add("only one of 'record' and 'alert' must be set");
        }
        if (r.record().isEmpty() && r.alert().isEmpty()) {
            errs.add("one of 'record' or 'alert' must be set");
        }
        if (r.expr().isEmpty()) {
            errs.add("field 'expr' must be set in rule");
        } else {
            try {
                Parser.parse(r.expr());
            } catch (ParseException e) {
                errs.add("could not parse expression: " + e.getMessage());
            } catch (RuntimeException e) {
                errs.add("could not parse expression: " + e.getMessage());
            }
        }
        if (!r.record().isEmpty()) {
            if (!r.annotations().isEmpty()) {
                errs.add("invalid field 'annotations' in recording rule");
            }
            if (!r.forDuration().isZero()) {
                errs.add("invalid field 'for' in recording rule");
            }
            if (!r.keepFiringFor().isZero()) {
                errs.add("invalid field 'keep_firing_for' in recording rule");
            }
            if (!isValidRecordName(r.record())) {
                errs.add("invalid recording rule name: " + r.record());
            }
        }
        for (Map.Entry<String, String> l : r.labels().entrySet()) {
            if (!scheme.isValidLabelName(l.getKey()) || l.getKey().equals("__name__")) {
                errs.add("invalid label name: " + l.getKey());
            }
            if (!NameValidation.isValidUtf8(l.getValue())) {
                errs.add("invalid label value: " + l.getValue());
            }
        }
        for (String k : r.annotations().keySet()) {
            if (!scheme.isValidLabelName(k)) {
                errs.add("invalid annotation name: " + k);
            }
        }
        if (!r.alert().isEmpty()) {
            FunctionSet fs = FunctionSet.prometheus(q -> List.of(), "");
            for (Map.Entry<String, String> e : r.labels().entrySet()) {
                templateError(r.alert(), "label", e.getValue(), fs, errs);
            }
            for (Map.Entry<String, String> e : r.annotations().entrySet()) {
                templateError(r.alert(), "annotation", e.getValue(), fs, errs);
            }
        }
        return errs;
    }

    private static void templateError(String alert, String what, String text, FunctionSet fs, List<String> errs) {
        try {
            PrometheusTemplates.compileAlertField(alert, text, fs);
        } catch (TemplateParseException e) {
            errs.add(what + " template: " + e.getMessage());
        }
    }

    /**
     * Recording rule names must be valid metric names that PromQL can select without quoting
     * (Prometheus refuses e.g. {@code strawberry{flavor="sweet"}}).
     */
    static boolean isValidRecordName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
