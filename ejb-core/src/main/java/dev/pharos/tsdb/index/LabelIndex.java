package dev.pharos.tsdb.index;

import java.util.List;

/** What matcher evaluation needs from an inverted index (the head's or a block's). */
public interface LabelIndex {

    /** Sorted ids of series with {@code name="value"}; empty if none. */
    int[] postings(String name, String value);

    /** Sorted ids of all series. */
    int[] allPostings();

    /** Sorted distinct values of a label name (empty if the name is unknown). */
    List<String> values(String name);

    /** Sorted values of a label name that start with {@code prefix}. */
    default List<String> valuesWithPrefix(String name, String prefix) {
        List<String> all = values(name);
        int lo = java.util.Collections.binarySearch(all, prefix);
        if (lo < 0) {
            lo = -lo - 1;
        }
        int hi = lo;
        while (hi < all.size() && all.get(hi).startsWith(prefix)) {
            hi++;
        }
        return all.subList(lo, hi);
    }

    /** Sorted label names. */
    List<String> names();
}
