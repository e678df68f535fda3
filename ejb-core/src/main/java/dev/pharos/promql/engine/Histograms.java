package dev.pharos.promql.engine;

import java.util.Arrays;

/** Classic-bucket histogram math: quantile and fraction over (upper bound, cumulative count) pairs. */
final class Histograms {
    private Histograms() {
    }

    static final double SMALL_DELTA_TOLERANCE = 1e-12;

    /** Buckets are parallel arrays sorted and coalesced in place; returns the new length. */
    static int sortAndCoalesce(double[] le, double[] cnt, int n) {
        // insertion sort by upper bound (bucket counts are small)
        for (int i = 1; i < n; i++) {
            double l = le[i];
            double c = cnt[i];
            int j = i - 1;
            while (j >= 0 && le[j] > l) {
                le[j + 1] = le[j];
                cnt[j + 1] = cnt[j];
                j--;
            }
            le[j + 1] = l;
            cnt[j + 1] = c;
        }
        if (n == 0) {
            return 0;
        }
        double lastLe = le[0];
        double lastC = cnt[0];
        int w = 0;
        for (int i = 1; i < n; i++) {
            if (le[i] == lastLe) {
                lastC += cnt[i];
            } else {
                le[w] = lastLe;
                cnt[w] = lastC;
                w++;
                lastLe = le[i];
                lastC = cnt[i];
            }
        }
        le[w] = lastLe;
        cnt[w] = lastC;
        return w + 1;
    }

    static boolean almostEqual(double a, double b, double eps) {
        if (a == b) {
            return true;
        }
        double minNormal = Double.MIN_NORMAL;
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < minNormal) {
            return diff < eps * minNormal;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < eps;
    }

    /** Returns true if monotonicity had to be forced. */
    static boolean ensureMonotonic(double[] cnt, int n) {
        boolean forced = false;
        double prev = cnt[0];
        for (int i = 1; i < n; i++) {
            double curr = cnt[i];
            if (curr == prev) {
                continue;
            }
            if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
                cnt[i] = prev;
                continue;
            }
            if (curr < prev) {
                cnt[i] = prev;
                forced = true;
                continue;
            }
            prev = curr;
        }
        return forced;
    }

    /** result[0] = quantile, result[1] = 1 if monotonicity was forced. */
    static void bucketQuantile(double q, double[] le, double[] cnt, int n, double[] result) {
        result[1] = 0;
        if (Double.isNaN(q)) {
            result[0] = Double.NaN;
            return;
        }
        if (q < 0) {
            result[0] = Double.NEGATIVE_INFINITY;
            return;
        }
        if (q > 1) {
            result[0] = Double.POSITIVE_INFINITY;
            return;
        }
        n = sortAndCoalesceChecked(le, cnt, n, result);
        if (n < 0) {
            return;
        }
        if (ensureMonotonic(cnt, n)) {
            result[1] = 1;
        }
        if (n < 2) {
            result[0] = Double.NaN;
            return;
        }
        double observations = cnt[n - 1];
        if (observations == 0) {
            result[0] = Double.NaN;
            return;
        }
        double rank = q * observations;
        // sort.Search over the first n-1 buckets for count >= rank
        int b = 0;
        while (b < n - 1 && !(cnt[b] >= rank)) {
            b++;
        }
        if (b == n - 1) {
            result[0] = le[n - 2];
            return;
        }
        if (b == 0 && le[0] <= 0) {
            result[0] = le[0];
            return;
        }
        double bucketStart = 0;
        double bucketEnd = le[b];
        double count = cnt[b];
        if (b > 0) {
            bucketStart = le[b - 1];
            count -= cnt[b - 1];
            rank -= cnt[b - 1];
        }
        result[0] = bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    private static int sortAndCoalesceChecked(double[] le, double[] cnt, int n, double[] result) {
        if (n == 0) {
            result[0] = Double.NaN;
            return -1;
        }
        n = sortAndCoalesce(le, cnt, n);
        if (le[n - 1] != Double.POSITIVE_INFINITY) {
            result[0] = Double.NaN;
            return -1;
        }
        return n;
    }

    static double bucketFraction(double lower, double upper, double[] le, double[] cnt, int n, double[] result) {
        n = sortAndCoalesceChecked(le, cnt, n, result);
        if (n < 0) {
            return Double.NaN;
        }
        ensureMonotonic(cnt, n);
        double count = cnt[n - 1];
        if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
            return Double.NaN;
        }
        if (lower >= upper) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        for (int i = 0; i < n; i++) {
            double lowerBound = Double.NEGATIVE_INFINITY;
            if (i > 0) {
                lowerBound = le[i - 1];
            } else if (le[0] > 0) {
                lowerBound = 0;
            }
            double upperBound = le[i];
            double bc = cnt[i];
            if (!lowerSet && lowerBound >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lowerBound >= upper) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && lowerBound < lower && upperBound > lower) {
                lowerRank = interpolate(rank, bc, lowerBound, upperBound, lower);
                lowerSet = true;
            }
            if (!upperSet && lowerBound < upper && upperBound > upper) {
                upperRank = interpolate(rank, bc, lowerBound, upperBound, upper);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = bc;
        }
        if (!lowerSet || lowerRank > count) {
            lowerRank = count;
        }
        if (!upperSet || upperRank > count) {
            upperRank = count;
        }
        return (upperRank - lowerRank) / count;
    }

    private static double interpolate(double rank, double bc, double lowerBound, double upperBound, double v) {
        if (Double.isInfinite(lowerBound) || Double.isInfinite(upperBound)) {
            // Cannot interpolate into an infinite bucket: the value lies at the finite edge.
            return Double.isInfinite(upperBound) ? rank : bc;
        }
        return rank + (bc - rank) * (v - lowerBound) / (upperBound - lowerBound);
    }

    static double[] grow(double[] a, int need) {
        return a.length >= need ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
    }
}
