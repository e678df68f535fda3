package dev.pharos.alertmanager.dispatch;

import dev.pharos.alertmanager.GoQuote;
import dev.pharos.alertmanager.Matchers;
import dev.pharos.alertmanager.config.RouteConfig;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of the routing tree with its inherited options. Matching walks the tree as the
 * original does: the deepest matching routes win, siblings after a match are only tried when
 * the matching one has {@code continue}, and a node with no matching child matches itself.
 */
public final class Route {

    private final Route parent;
    private final RouteOpts opts;
    private final List<LabelMatcher> matchers;
    private final boolean continueMatching;
    private final List<Route> routes = new ArrayList<>();
    private final int index;
    private String key;
    private String id;

    private Route(RouteConfig cfg, Route parent, int index) {
        this.parent = parent;
        this.index = index;
        RouteOpts base = parent == null ? RouteOpts.DEFAULT : parent.opts;
        String receiver = cfg.receiver() != null && !cfg.receiver().isEmpty() ? cfg.receiver() : base.receiver();
        Set<String> groupBy = base.groupBy();
        boolean groupByAll = base.groupByAll();
        if (cfg.groupBy() != null) {
            groupBy = Collections.unmodifiableSet(new TreeSet<>(cfg.groupBy()));
            groupByAll = false;
        } else if (cfg.groupByAll()) {
            groupByAll = true;
        }
        this.opts = new RouteOpts(receiver, groupBy, groupByAll,
                cfg.groupWait() != null ? cfg.groupWait() : base.groupWait(),
                cfg.groupInterval() != null ? cfg.groupInterval() : base.groupInterval(),
                cfg.repeatInterval() != null ? cfg.repeatInterval() : base.repeatInterval(),
                List.copyOf(cfg.muteTimeIntervals()), List.copyOf(cfg.activeTimeIntervals()));
        List<LabelMatcher> ms = new ArrayList<>();
        cfg.match().forEach((k, v) -> ms.add(Matchers.create(MatchType.EQUAL, k, v)));
        // match_re values are kept anchored, as the original prints and compiles them.
        cfg.matchRe().forEach((k, v) -> ms.add(Matchers.create(MatchType.REGEX, k, "^(?:" + v + ")$")));
        ms.addAll(cfg.matchers());
        this.matchers = List.copyOf(Matchers.sorted(ms));
        this.continueMatching = cfg.continueMatching();
        for (int i = 0; i < cfg.routes().size(); i++) {
            routes.add(new Route(cfg.routes().get(i), this, i));
        }
    }

    /** Builds the routing tree from the configuration's root route. */
    public static Route tree(RouteConfig root) {
        return new Route(root, null, 0);
    }

    /** The routes an alert with these labels is dispatched to, in order. */
    public List<Route> match(Labels labels) {
        if (!Matchers.matchesAll(matchers, labels)) {
            return List.of();
        }
        List<Route> all = new ArrayList<>();
        for (Route child : routes) {
            List<Route> m = child.match(labels);
            all.addAll(m);
            if (!m.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** Receiver names of the matching routes, as {@code amtool config routes test} prints them. */
    public List<String> matchReceivers(Labels labels) {
        List<String> out = new ArrayList<>();
        for (Route r : match(labels)) {
            out.add(r.opts.receiver());
        }
        return out;
    }

    /** The original's route key: the parent's key, '/', and this node's matchers. */
    public String key() {
        String k = key;
        if (k == null) {
            StringBuilder sb = new StringBuilder();
            if (parent != null) {
                sb.append(parent.key()).append('/');
            }
            key = k = sb.append(Matchers.format(matchers)).toString();
        }
        return k;
    }

    /** Like {@link #key()} but unique among siblings with equal matchers (adds the child index). */
    public String id() {
        if (id != null) {
            return id;
        }
        StringBuilder sb = new StringBuilder();
        if (parent != null) {
            sb.append(parent.id()).append('/');
        }
        sb.append(Matchers.format(matchers));
        if (parent != null) {
            sb.append('/').append(index);
        }
        id = sb.toString();
        return id;
    }

    /** The labels of an alert that name its group on this route. */
    public Labels groupLabels(Labels alertLabels) {
        if (opts.groupByAll()) {
            return alertLabels;
        }
        Labels.Builder b = new Labels.Builder();
        for (String name : opts.groupBy()) {
            String v = alertLabels.get(name);
            if (v != null) {
                b.set(name, v);
            }
        }
        return b.build();
    }

    /** Group key as the original builds it: {@code routeKey + ":" + groupLabels}. */
    public String groupKey(Labels groupLabels) {
        return key() + ":" + labelSetString(groupLabels);
    }

    /** Go's model.LabelSet.String(): {@code {a="b", c="d"}}. */
    public static String labelSetString(Labels labels) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(labels.name(i)).append('=');
            GoQuote.appendQuoted(sb, labels.value(i));
        }
        return sb.append('}').toString();
    }

    public void walk(java.util.function.Consumer<Route> visit) {
        visit.accept(this);
        for (Route r : routes) {
            r.walk(visit);
        }
    }

    /** All receiver names used in the tree, in walk order without duplicates. */
    public Set<String> receivers() {
        Set<String> out = new LinkedHashSet<>();
        walk(r -> out.add(r.opts.receiver()));
        return out;
    }

    public Route parent() {
        return parent;
    }

    public RouteOpts opts() {
        return opts;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public boolean continueMatching() {
        return continueMatching;
    }

    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }
}
