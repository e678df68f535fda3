package dev.pharos.tsdb.index;

import java.util.Arrays;
import java.util.List;

/**
 * Operations on postings lists: strictly increasing arrays of series ids. Each returns a new
 * array (inputs are never changed), sized exactly.
 */
public final class Postings {

    public static final int[] EMPTY = new int[0];

    private Postings() {
    }

    /** a ∩ b, galloping through the longer list when the sizes differ a lot. */
    public static int[] intersect(int[] a, int[] b) {
        if (a.length > b.length) {
            int[] t = a;
            a = b;
            b = t;
        }
        if (a.length == 0) {
            return EMPTY;
        }
        int[] out = new int[a.length];
        int n = 0;
        int j = 0;
        boolean gallop = b.length > a.length * 16;
        for (int i = 0; i < a.length && j < b.length; i++) {
            int x = a[i];
            if (gallop) {
                j = lowerBound(b, j, x);
            } else {
                while (j < b.length && b[j] < x) {
                    j++;
                }
            }
            if (j < b.length && b[j] == x) {
                out[n++] = x;
                j++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** First index >= from with b[idx] >= x, by exponential then binary search. */
    static int lowerBound(int[] b, int from, int x) {
        int step = 1;
        int hi = from;
        while (hi < b.length && b[hi] < x) {
            from = hi + 1;
            hi += step;
            step <<= 1;
        }
        hi = Math.min(hi, b.length);
        int lo = from;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (b[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** a \ b. */
    public static int[] subtract(int[] a, int[] b) {
        if (b.length == 0 || a.length == 0) {
            return a;
        }
        int[] out = new int[a.length];
        int n = 0;
        int j = 0;
        for (int x : a) {
            while (j < b.length && b[j] < x) {
                j++;
            }
            if (j < b.length && b[j] == x) {
                continue;
            }
            out[n++] = x;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The union of sorted lists, without duplicates. */
    public static int[] union(List<int[]> lists) {
        if (lists.isEmpty()) {
            return EMPTY;
        }
        if (lists.size() == 1) {
            return lists.get(0);
        }
        if (lists.size() == 2) {
            return union2(lists.get(0), lists.get(1));
        }
        long total = 0;
        for (int[] l : lists) {
            total += l.length;
        }
        int[] all = new int[(int) total];
        int p = 0;
        for (int[] l : lists) {
            System.arraycopy(l, 0, all, p, l.length);
            p += l.length;
        }
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return n == all.length ? all : Arrays.copyOf(all, n);
    }

    static int[] union2(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            if (x < y) {
                out[n++] = x;
                i++;
            } else if (y < x) {
                out[n++] = y;
                j++;
            } else {
                out[n++] = x;
                i++;
                j++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
