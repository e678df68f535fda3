package dev.pharos.pushgateway;

import dev.pharos.exposition.MetricData;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The Pushgateway's groups and the consistency check every push passes, as the original's
 * {@code DiskMetricStore} with its push-time check: a push whose metrics would make the
 * combined exposition inconsistent (a family of another type in another group, a series
 * another group already exposes, a name colliding with a summary's or histogram's
 * {@code _sum}/{@code _count}/{@code _bucket}, invalid or reserved names, timestamps) is
 * refused with 400 and changes no metric; as in the original it only sets the group's
 * {@code push_failure_time_seconds} (if the group exists; the original would create it).
 *
 * <p>Writes are serialised; each goes through a {@link Persister} inside the write lock before
 * the in-memory state changes, so a push is acknowledged only after it is stored, and
 * a failed store changes nothing. Reads ({@link #groups()}, {@link #gather}) take no lock.
 * The check is incremental: an index of family types (counted per group) and of series
 * owners makes its cost proportional to the push, not to the store.
 */
public final class PushStore {

    /** Stores a changed group (or deletes it when {@code group} is null) before it takes effect. */
    @FunctionalInterface
    public interface Persister {
        void store(Labels key, MetricGroup group) throws Exception;

        Persister NONE = (k, g) -> { };
    }

    private static final String PREFIX = "pushed metrics are invalid or inconsistent with existing metrics: ";
    private static final String[] SUFFIXES = {"_sum", "_count", "_bucket"};

    private final ConcurrentSkipListMap<Labels, MetricGroup> groups = new ConcurrentSkipListMap<>();
    private final Map<String, FamilyIndex> index = new HashMap<>();
    private final Map<String, MetricType> reserved = new HashMap<>();

    private static final class FamilyIndex {
        final EnumMap<MetricType, Integer> groupsByType = new EnumMap<>(MetricType.class);
        final Map<Labels, Labels> seriesOwner = new HashMap<>();
        int groups;
    }

    /** Families of the gateway's own metrics: pushes may not give them another type. */
    public PushStore reserve(String family, MetricType type) {
        reserved.put(family, type);
        return this;
    }

    // -------------------------------------------------------------------------------------
    // Writes

    /**
     * PUT ({@code replace}) or POST of {@code pushed} to the group {@code key} at {@code nowMs};
     * {@code expiryMs} is the group's own expiry (0 = the server's). Returns the new group.
     *
     * @throws PushException 400 with the reason when the push is invalid or inconsistent
     *         (the group's failure time is then stored and set), or 500 if storing failed
     */
    public synchronized MetricGroup push(Labels key, List<MetricFamilyData> pushed, boolean replace, long nowMs,
            long expiryMs, Persister persister) throws PushException {
        MetricGroup old = groups.get(key);
        TreeMap<String, MetricFamilyData> fams;
        try {
            Map<String, MetricFamilyData> sanitized = sanitize(key, pushed);
            fams = new TreeMap<>();
            if (!replace && old != null) {
                fams.putAll(old.families());
            }
            fams.putAll(sanitized);
            check(key, fams, old);
        } catch (PushException e) {
            if (old == null) {
                // Unlike the original, a refused push does not create its group: a rejected
                // push leaves the stored state as it was.
                throw e;
            }
            MetricGroup failed = new MetricGroup(key, old.families(), old.pushTimeMs(), nowMs, old.expiryMs());
            try {
                persister.store(key, failed);
                commit(key, old, failed);
            } catch (Exception storeFailure) {
                // the push is refused anyway; its failure time is only bookkeeping
            }
            throw e;
        }
        MetricGroup next = new MetricGroup(key, fams, nowMs, old == null ? 0 : old.failureTimeMs(),
                expiryMs != 0 ? expiryMs : old == null ? 0 : old.expiryMs());
        store(persister, key, next);
        commit(key, old, next);
        return next;
    }

    /** DELETE of a group; a missing group is a no-op. Returns true if a group was removed. */
    public synchronized boolean delete(Labels key, Persister persister) throws PushException {
        MetricGroup old = groups.get(key);
        if (old == null) {
            return false;
        }
        store(persister, key, null);
        commit(key, old, null);
        return true;
    }

    /** Removes every group (the admin wipe). Returns how many were removed. */
    public synchronized int wipe(Persister persister) throws PushException {
        int n = 0;
        for (Labels key : new ArrayList<>(groups.keySet())) {
            n += delete(key, persister) ? 1 : 0;
        }
        return n;
    }

    /**
     * Removes the groups not pushed to for longer than their expiry (their own, else
     * {@code defaultExpiryMs}; 0 = never). Returns the removed keys.
     */
    public synchronized List<Labels> expire(long nowMs, long defaultExpiryMs, Persister persister) throws PushException {
        List<Labels> removed = new ArrayList<>();
        for (MetricGroup g : groups.values()) {
            long ttl = g.expiryMs() != 0 ? g.expiryMs() : defaultExpiryMs;
            if (ttl > 0 && nowMs - g.lastActivityMs() > ttl) {
                delete(g.key(), persister);
                removed.add(g.key());
            }
        }
        return removed;
    }

    /** Loads a stored group at startup (no check: what was acknowledged was consistent). */
    public synchronized void restore(MetricGroup g) {
        commit(g.key(), groups.get(g.key()), sorted(g));
    }

    /** The group with every family's metrics sorted by labels, the order the index relies on. */
    private static MetricGroup sorted(MetricGroup g) {
        TreeMap<String, MetricFamilyData> fams = new TreeMap<>();
        for (MetricFamilyData f : g.families().values()) {
            List<MetricData> ms = new ArrayList<>(f.metrics());
            ms.sort((a, c) -> a.labels().compareTo(c.labels()));
            fams.put(f.name(), f.withMetrics(ms));
        }
        return new MetricGroup(g.key(), fams, g.pushTimeMs(), g.failureTimeMs(), g.expiryMs());
    }

    private static void store(Persister persister, Labels key, MetricGroup g) throws PushException {
        try {
            persister.store(key, g);
        } catch (Exception e) {
            throw new PushException(500, "storing the group failed: " + e);
        }
    }

    private void commit(Labels key, MetricGroup old, MetricGroup next) {
        Map<String, MetricFamilyData> before = old == null ? Map.of() : old.families();
        Map<String, MetricFamilyData> after = next == null ? Map.of() : next.families();
        for (MetricFamilyData f : before.values()) {
            reindex(key, f, after.get(f.name()));
        }
        for (MetricFamilyData f : after.values()) {
            if (!before.containsKey(f.name())) {
                reindex(key, null, f);
            }
        }
        if (next == null) {
            groups.remove(key);
        } else {
            groups.put(key, next);
        }
    }

    /**
     * Moves the index of one family of group {@code key} from {@code before} to {@code after}
     * (either may be null). Both metric lists are sorted by labels (an invariant of the store),
     * so one merge walk finds the series that left and came: a push that changes values but not
     * series, the usual case, touches no series entry at all.
     */
    private void reindex(Labels key, MetricFamilyData before, MetricFamilyData after) {
        if (before == after) {
            return;
        }
        String name = before != null ? before.name() : after.name();
        FamilyIndex fi = index.computeIfAbsent(name, n -> new FamilyIndex());
        if (before != null) {
            fi.groupsByType.merge(before.type(), -1, Integer::sum);
            fi.groups--;
        }
        if (after != null) {
            fi.groupsByType.merge(after.type(), 1, Integer::sum);
            fi.groups++;
        }
        List<MetricData> a = before == null ? List.of() : before.metrics();
        List<MetricData> b = after == null ? List.of() : after.metrics();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int c = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).labels().compareTo(b.get(j).labels());
            if (c < 0) {
                fi.seriesOwner.remove(a.get(i++).labels(), key);
            } else if (c > 0) {
                fi.seriesOwner.put(b.get(j++).labels(), key);
            } else {
                i++;
                j++;
            }
        }
        if (fi.groups == 0) {
            index.remove(name);
        }
    }

    // -------------------------------------------------------------------------------------
    // Validation

    /**
     * The pushed families with the grouping labels set on every metric (overriding pushed
     * ones) and {@code instance=""} where neither has an instance; the gateway's own
     * per-group gauges are dropped (it sets them itself). Fails on what no exposition may hold.
     */
    private static Map<String, MetricFamilyData> sanitize(Labels key, List<MetricFamilyData> pushed)
            throws PushException {
        Map<String, MetricFamilyData> out = new HashMap<>();
        for (MetricFamilyData f : pushed) {
            String name = f.name();
            if (name.equals(MetricGroup.PUSH_TIME) || name.equals(MetricGroup.PUSH_FAILURE_TIME) || f.metrics().isEmpty()) {
                continue;
            }
            if (!Names.isMetricName(name)) {
                throw new PushException(400, PREFIX + GroupingKey.quote(name) + " is not a valid metric name");
            }
            if (out.containsKey(name)) {
                throw new PushException(400, PREFIX + "metric family " + GroupingKey.quote(name)
                        + " is pushed more than once");
            }
            List<MetricData> ms = new ArrayList<>(f.metrics().size());
            for (MetricData m : f.metrics()) {
                if (m.hasTimestamp()) {
                    throw new PushException(400, PREFIX + "pushed metrics must not have timestamps");
                }
                Labels l = m.labels();
                for (int i = 0; i < l.size(); i++) {
                    String ln = l.name(i);
                    if (!Names.isLabelName(ln)) {
                        throw new PushException(400, PREFIX + "collected metric " + GroupingKey.quote(name) + " "
                                + l + " has a label with an invalid name: " + GroupingKey.quote(ln));
                    }
                    if (ln.startsWith("__")) {
                        throw new PushException(400, PREFIX + "collected metric " + GroupingKey.quote(name) + " "
                                + l + " has a label named " + GroupingKey.quote(ln) + ", which is reserved");
                    }
                    if ((f.type() == MetricType.SUMMARY && ln.equals("quantile"))
                            || (f.type() == MetricType.HISTOGRAM && ln.equals("le"))) {
                        throw new PushException(400, PREFIX + "collected metric " + GroupingKey.quote(name) + " "
                                + l + " has a label named " + GroupingKey.quote(ln) + ", which is reserved for its type");
                    }
                }
                ms.add(m.withLabels(Names.merge(l, key)));
            }
            ms.sort((a, c) -> a.labels().compareTo(c.labels()));
            out.put(name, f.withMetrics(ms));
        }
        return out;
    }

    /** The consistency check of the group as it would be after the push, against all others. */
    private void check(Labels key, Map<String, MetricFamilyData> fams, MetricGroup old) throws PushException {
        for (MetricFamilyData f : fams.values()) {
            String name = f.name();
            MetricType ownType = reserved.get(name);
            if (ownType != null && ownType != f.type()) {
                throw new PushException(400, PREFIX + "gathered metric family " + name + " has type "
                        + typeName(f.type()) + " but should have " + typeName(ownType));
            }
            FamilyIndex fi = index.get(name);
            MetricFamilyData mine = old == null ? null : old.families().get(name);
            if (fi != null) {
                for (Map.Entry<MetricType, Integer> e : fi.groupsByType.entrySet()) {
                    int others = e.getValue() - (mine != null && mine.type() == e.getKey() ? 1 : 0);
                    if (others > 0 && e.getKey() != f.type()) {
                        throw new PushException(400, PREFIX + "gathered metric family " + name + " has type "
                                + typeName(f.type()) + " but should have " + typeName(e.getKey()));
                    }
                }
            }
            if (f != mine) {
                checkSeries(key, f, mine, fi);
            }
            checkSuffixCollisions(key, f, fams, old);
        }
    }

    /**
     * No series twice in the family, none that another group exposes. The metrics are sorted
     * by labels, so duplicates are neighbours, and a series the group already had (found by a
     * merge walk over its old family) is its own without a look-up in the index.
     */
    private static void checkSeries(Labels key, MetricFamilyData f, MetricFamilyData mine, FamilyIndex fi)
            throws PushException {
        List<MetricData> olds = mine == null ? List.of() : mine.metrics();
        int j = 0;
        Labels prev = null;
        for (MetricData m : f.metrics()) {
            Labels l = m.labels();
            boolean clash = prev != null && prev.equals(l);
            prev = l;
            if (!clash) {
                while (j < olds.size() && olds.get(j).labels().compareTo(l) < 0) {
                    j++;
                }
                if (j < olds.size() && olds.get(j).labels().equals(l)) {
                    continue;
                }
                Labels owner = fi == null ? null : fi.seriesOwner.get(l);
                clash = owner != null && !owner.equals(key);
            }
            if (clash) {
                throw new PushException(400, PREFIX + "collected metric " + GroupingKey.quote(f.name()) + " "
                        + l + " was collected before with the same name and label values");
            }
        }
    }

    /** A summary/histogram {@code x} and a family {@code x_sum} (etc.) cannot both be exposed. */
    private void checkSuffixCollisions(Labels key, MetricFamilyData f, Map<String, MetricFamilyData> fams,
            MetricGroup old) throws PushException {
        String name = f.name();
        for (String s : SUFFIXES) {
            if (name.endsWith(s)) {
                String base = name.substring(0, name.length() - s.length());
                MetricType t = typeElsewhere(base, fams, old);
                if (t == MetricType.SUMMARY || t == MetricType.HISTOGRAM) {
                    throw new PushException(400, PREFIX + "collected metric named " + GroupingKey.quote(name)
                            + " collides with previously collected " + typeName(t).toLowerCase() + " named "
                            + GroupingKey.quote(base));
                }
            }
            if (f.type() == MetricType.SUMMARY || f.type() == MetricType.HISTOGRAM) {
                if (typeElsewhere(name + s, fams, old) != null) {
                    throw new PushException(400, PREFIX + "collected " + typeName(f.type()).toLowerCase() + " named "
                            + GroupingKey.quote(name) + " collides with previously collected metric named "
                            + GroupingKey.quote(name + s));
                }
            }
        }
    }

    /** The type of a family in this push or in any other group, or null if none has it. */
    private MetricType typeElsewhere(String name, Map<String, MetricFamilyData> fams, MetricGroup old) {
        MetricFamilyData here = fams.get(name);
        if (here != null) {
            return here.type();
        }
        if (reserved.containsKey(name)) {
            return reserved.get(name);
        }
        FamilyIndex fi = index.get(name);
        if (fi == null) {
            return null;
        }
        MetricFamilyData mine = old == null ? null : old.families().get(name);
        for (Map.Entry<MetricType, Integer> e : fi.groupsByType.entrySet()) {
            if (e.getValue() - (mine != null && mine.type() == e.getKey() ? 1 : 0) > 0) {
                return e.getKey();
            }
        }
        return null;
    }

    static String typeName(MetricType t) {
        return switch (t) {
            case COUNTER -> "COUNTER";
            case GAUGE -> "GAUGE";
            case SUMMARY -> "SUMMARY";
            case HISTOGRAM -> "HISTOGRAM";
            default -> "UNTYPED";
        };
    }

    // -------------------------------------------------------------------------------------
    // Reads

    /** The groups, ordered by grouping key. */
    public Collection<MetricGroup> groups() {
        return groups.values();
    }

    public MetricGroup group(Labels key) {
        return groups.get(key);
    }

    public int size() {
        return groups.size();
    }

    /**
     * Every group's families and push-time gauges merged by name, families sorted by name and
     * metrics by labels, followed into the same order by {@code own} (the gateway's metrics).
     * Where groups disagree on HELP the first group's text wins, as the original tolerates.
     */
    public List<MetricFamilyData> gather(List<MetricFamilyData> own) {
        TreeMap<String, List<MetricFamilyData>> byName = new TreeMap<>();
        for (MetricGroup g : groups.values()) {
            for (MetricFamilyData f : g.familiesWithPushTimes()) {
                byName.computeIfAbsent(f.name(), n -> new ArrayList<>(4)).add(f);
            }
        }
        for (MetricFamilyData f : own) {
            byName.computeIfAbsent(f.name(), n -> new ArrayList<>(1)).add(f);
        }
        List<MetricFamilyData> out = new ArrayList<>(byName.size());
        for (List<MetricFamilyData> parts : byName.values()) {
            MetricFamilyData first = parts.get(0);
            if (parts.size() == 1) {
                out.add(first);
                continue;
            }
            int n = 0;
            for (MetricFamilyData p : parts) {
                n += p.metrics().size();
            }
            List<MetricData> ms = new ArrayList<>(n);
            for (MetricFamilyData p : parts) {
                ms.addAll(p.metrics());
            }
            ms.sort((a, c) -> a.labels().compareTo(c.labels()));
            out.add(first.withMetrics(ms));
        }
        return out;
    }
}
