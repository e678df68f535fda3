package dev.pharos.rules;

import dev.pharos.config.Globs;
import dev.pharos.relabel.NameValidation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loaded rule groups. {@link #update} replaces the groups with those of new rule files,
 * carrying over the state (alerts, staleness tracking, health) of groups with the same file and
 * name, as Prometheus does on reload; scheduling is the caller's business.
 */
public final class RuleManager {

    private volatile RuleGroup.GroupEnv env;
    private volatile List<RuleGroup> groups = List.of();
    private boolean loadedOnce;

    public RuleManager(RuleGroup.GroupEnv env) {
        this.env = env;
    }

    /** Reads and validates every file matched by the patterns; the first bad file fails the whole set. */
    public static List<GroupSpec> loadFiles(List<String> patterns, NameValidation scheme) throws RuleFileException {
        List<GroupSpec> out = new ArrayList<>();
        for (String pattern : patterns) {
            for (Path p : Globs.expand(pattern)) {
                out.addAll(RuleFileParser.parse(p, scheme));
            }
        }
        return out;
    }

    /** The environment of groups built by later updates (external labels and URL come from the config). */
    public void setEnv(RuleGroup.GroupEnv env) {
        this.env = env;
    }

    /** The result of an update: the groups now running and those that were removed. */
    public record Update(List<RuleGroup> groups, List<RuleGroup> removed) {
    }

    /**
     * Builds the new groups. {@code defaultIntervalMillis} and {@code defaultQueryOffsetMillis}
     * are the global evaluation_interval and rule_query_offset.
     */
    public synchronized Update update(List<GroupSpec> specs, long defaultIntervalMillis, long defaultQueryOffsetMillis) {
        Map<String, RuleGroup> old = new LinkedHashMap<>();
        for (RuleGroup g : groups) {
            old.put(g.key(), g);
        }
        boolean restoreNeeded = !loadedOnce;
        List<RuleGroup> next = new ArrayList<>();
        for (GroupSpec s : specs) {
            List<Rule> rules = new ArrayList<>();
            for (RuleSpec r : s.rules()) {
                if (r.isAlerting()) {
                    Map<String, String> labels = new LinkedHashMap<>(s.labels());
                    labels.putAll(r.labels());
                    rules.add(new AlertingRule(r.alert(), normalize(r.expr()), r.forDuration().toMillis(),
                            r.keepFiringFor().toMillis(), labels, r.annotations(), !restoreNeeded));
                } else {
                    rules.add(new RecordingRule(r.record(), normalize(r.expr()), Rule.merge(s.labels(), r.labels())));
                }
            }
            long interval = s.interval() != null && !s.interval().isZero() ? s.interval().toMillis() : defaultIntervalMillis;
            long offset = s.queryOffset() != null ? s.queryOffset().toMillis() : defaultQueryOffsetMillis;
            RuleGroup g = new RuleGroup(s.name(), s.file(), interval, offset, s.limit(), rules, env, restoreNeeded);
            RuleGroup prev = old.remove(g.key());
            if (prev != null) {
                g.copyState(prev);
            }
            next.add(g);
        }
        for (RuleGroup g : old.values()) {
            g.stop();
        }
        loadedOnce = true;
        groups = List.copyOf(next);
        return new Update(groups, List.copyOf(old.values()));
    }

    /** The expression as Prometheus prints a parsed rule (its String()), used by the API and generator URLs. */
    static String normalize(String expr) {
        try {
            return dev.pharos.promql.parser.Parser.parse(expr).toString();
        } catch (RuntimeException e) {
            return expr.trim();
        }
    }

    public List<RuleGroup> groups() {
        return groups;
    }

    /** Every alerting rule of every group, in order. */
    public List<AlertingRule> alertingRules() {
        List<AlertingRule> l = new ArrayList<>();
        for (RuleGroup g : groups) {
            for (Rule r : g.rules()) {
                if (r instanceof AlertingRule a) {
                    l.add(a);
                }
            }
        }
        return l;
    }
}
