package dev.pharos.scrape;

import dev.pharos.exposition.ExpositionParser;
import dev.pharos.model.Labels;
import java.util.Arrays;

/**
 * Per-target cache from the raw series text of an exposition line to the series it
 * becomes after target labels and metric relabeling (or to "dropped"), with the storage
 * reference. A steady-state scrape looks every line up here by hash and byte comparison,
 * so it builds no labels and runs no relabeling. The cache also remembers in which scrape
 * each series was last seen, which is how vanished series get their stale markers.
 *
 * <p>Open addressing over parallel arrays; single-threaded (one scrape loop).
 */
final class SeriesCache {

    /** One cached series. {@code labels == null} means dropped by relabeling. */
    static final class Entry {
        final byte[] key;
        final int hash;
        final Labels labels;
        long ref;
        long lastSeen;
        /** lastSeen before the current scrape, to undo a failed scrape's marks. */
        long prevSeen;
        long lastTimestamp;
        /** Appended with the exposition's own timestamp: no stale markers for it, as in Prometheus. */
        boolean explicitTimestamp;

        Entry(byte[] key, int hash, Labels labels) {
            this.key = key;
            this.hash = hash;
            this.labels = labels;
            // Never seen in a committed scrape (scrape numbers start at 1).
            this.lastSeen = -1;
        }
    }

    private Entry[] table = new Entry[256];
    private int size;

    int size() {
        return size;
    }

    /** The entry for the parser's current series, or null. Allocates nothing. */
    Entry get(ExpositionParser p) {
        int h = p.seriesHash();
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            Entry e = table[i];
            if (e == null) {
                return null;
            }
            if (e.hash == h && p.seriesEquals(e.key)) {
                return e;
            }
        }
    }

    Entry put(byte[] key, int hash, Labels labels) {
        if ((size + 1) * 2 > table.length) {
            resize(table.length * 2);
        }
        Entry e = new Entry(key, hash, labels);
        insert(e);
        size++;
        return e;
    }

    private void insert(Entry e) {
        int mask = table.length - 1;
        int i = e.hash & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = e;
    }

    private void resize(int capacity) {
        Entry[] old = table;
        table = new Entry[capacity];
        for (Entry e : old) {
            if (e != null) {
                insert(e);
            }
        }
    }

    /** Visits every entry. */
    void forEach(java.util.function.Consumer<Entry> action) {
        for (Entry e : table) {
            if (e != null) {
                action.accept(e);
            }
        }
    }

    /** Forgets series not seen since the given scrape (they were marked stale already). */
    void evictOlderThan(long iteration) {
        Entry[] old = table;
        int capacity = 256;
        int live = 0;
        for (Entry e : old) {
            if (e != null && e.lastSeen >= iteration) {
                live++;
            }
        }
        while (live * 2 > capacity) {
            capacity *= 2;
        }
        table = new Entry[capacity];
        size = 0;
        for (Entry e : old) {
            if (e != null && e.lastSeen >= iteration) {
                insert(e);
                size++;
            }
        }
    }

    void clear() {
        Arrays.fill(table, null);
        size = 0;
    }
}
