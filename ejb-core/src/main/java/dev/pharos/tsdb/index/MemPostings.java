package dev.pharos.tsdb.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * The head's inverted index: label name -> sorted values -> postings of series ids. Ids are
 * handed out in increasing order, so {@link #add} keeps every list sorted by appending. Series
 * creation is rare next to sample appends, so one read-write lock is enough.
 */
public final class MemPostings implements LabelIndex {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TreeMap<String, IntList>> byName = new HashMap<>();
    private final IntList all = new IntList();

    /** Adds a series id (greater than every id added before) under its label pairs. */
    public void add(int id, String[] namesAndValues) {
        lock.writeLock().lock();
        try {
            for (int i = 0; i < namesAndValues.length; i += 2) {
                byName.computeIfAbsent(namesAndValues[i], k -> new TreeMap<>())
                        .computeIfAbsent(namesAndValues[i + 1], k -> new IntList()).addSorted(id);
            }
            all.addSorted(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops ids that {@code dead} accepts, and values and names left without series. */
    public void removeIf(IntPredicate dead) {
        lock.writeLock().lock();
        try {
            all.removeIf(dead);
            var names = byName.entrySet().iterator();
            while (names.hasNext()) {
                var values = names.next().getValue();
                values.values().removeIf(l -> {
                    l.removeIf(dead);
                    return l.size() == 0;
                });
                if (values.isEmpty()) {
                    names.remove();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int[] postings(String name, String value) {
        lock.readLock().lock();
        try {
            TreeMap<String, IntList> values = byName.get(name);
            IntList l = values == null ? null : values.get(value);
            return l == null ? Postings.EMPTY : l.toArray();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int[] allPostings() {
        lock.readLock().lock();
        try {
            return all.toArray();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> values(String name) {
        lock.readLock().lock();
        try {
            TreeMap<String, IntList> values = byName.get(name);
            return values == null ? List.of() : new ArrayList<>(values.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> valuesWithPrefix(String name, String prefix) {
        lock.readLock().lock();
        try {
            TreeMap<String, IntList> values = byName.get(name);
            if (values == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String v : values.tailMap(prefix, true).keySet()) {
                if (!v.startsWith(prefix)) {
                    break;
                }
                out.add(v);
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> names() {
        lock.readLock().lock();
        try {
            List<String> out = new ArrayList<>(byName.keySet());
            out.sort(null);
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Visits every (name, value, postings count) under the read lock; for head statistics. */
    public void forEachPair(PairVisitor v) {
        lock.readLock().lock();
        try {
            for (Map.Entry<String, TreeMap<String, IntList>> n : byName.entrySet()) {
                for (Map.Entry<String, IntList> e : n.getValue().entrySet()) {
                    v.visit(n.getKey(), e.getKey(), e.getValue().size());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    public interface PairVisitor {
        void visit(String name, String value, int seriesCount);
    }

    /** Approximate heap bytes of the index (lists, map entries), for memory accounting. */
    public long memoryBytes() {
        long[] sum = {all.capacity() * 4L + 32};
        forEachPair((n, v, c) -> sum[0] += 4L * c + 96);
        return sum[0];
    }

    /** A growable sorted int array. */
    static final class IntList {
        private int[] a = new int[2];
        private int n;

        void addSorted(int x) {
            if (n > 0 && a[n - 1] >= x) {
                // Replayed ids may arrive out of order; keep the list sorted and distinct.
                int pos = Arrays.binarySearch(a, 0, n, x);
                if (pos >= 0) {
                    return;
                }
                pos = -pos - 1;
                grow();
                System.arraycopy(a, pos, a, pos + 1, n - pos);
                a[pos] = x;
                n++;
                return;
            }
            grow();
            a[n++] = x;
        }

        private void grow() {
            if (n == a.length) {
                a = Arrays.copyOf(a, n + (n >> 1) + 2);
            }
        }

        void removeIf(IntPredicate dead) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!dead.test(a[i])) {
                    a[m++] = a[i];
                }
            }
            n = m;
        }

        int size() {
            return n;
        }

        int capacity() {
            return a.length;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
