package dev.pharos.remote;

import dev.pharos.exposition.ExpositionParseException;
import dev.pharos.exposition.ExpositionParser;
import dev.pharos.exposition.OpenMetricsParser;
import dev.pharos.model.Labels;
import dev.pharos.tsdb.BackfillSeries;
import dev.pharos.tsdb.BlockMeta;
import dev.pharos.tsdb.Tsdb;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backfill from OpenMetrics text with timestamps, as {@code promtool tsdb create-blocks-from
 * openmetrics} reads it: the whole body is parsed and checked first (every sample needs a
 * timestamp; the body must end with {@code # EOF}), then written by {@link Tsdb#backfill} into
 * blocks, all or nothing.
 */
public final class OpenMetricsImport {

    /** Counts of an import; {@code blocks} is the number of blocks written. */
    public record Result(int series, long samples, int blocks, long minTime, long maxTime) {
    }

    /** A body that cannot be imported; the message names the line. */
    public static final class InvalidImportException extends Exception {
        public InvalidImportException(String message) {
            super(message);
        }
    }

    private OpenMetricsImport() {
    }

    /** Parses the body into per-series sample arrays, without touching any storage. */
    public static List<BackfillSeries> parse(byte[] body) throws InvalidImportException {
        ExpositionParser p = new OpenMetricsParser(body);
        Map<Labels, Growing> bySeries = new HashMap<>();
        List<Labels> order = new ArrayList<>();
        try {
            ExpositionParser.Entry e;
            while ((e = p.next()) != ExpositionParser.Entry.EOF) {
                if (e != ExpositionParser.Entry.SERIES) {
                    continue;
                }
                if (!p.hasTimestamp()) {
                    throw new InvalidImportException("line " + p.lineNumber() + ": expected timestamp for series "
                            + p.labels() + ", got none");
                }
                Labels l = p.labels();
                Growing g = bySeries.get(l);
                if (g == null) {
                    g = new Growing();
                    bySeries.put(l, g);
                    order.add(l);
                }
                g.add(p.timestampMillis(), p.value(), p.lineNumber());
            }
        } catch (ExpositionParseException ex) {
            throw new InvalidImportException(ex.getMessage());
        }
        List<BackfillSeries> out = new ArrayList<>(order.size());
        for (Labels l : order) {
            Growing g = bySeries.get(l);
            g.checkUnique(l);
            out.add(new BackfillSeries(l, Arrays.copyOf(g.ts, g.n), Arrays.copyOf(g.vs, g.n)));
        }
        return out;
    }

    /** Parses and backfills; nothing is stored when the body is invalid. */
    public static Result run(Tsdb tsdb, byte[] body) throws InvalidImportException, IOException {
        List<BackfillSeries> data = parse(body);
        long samples = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (BackfillSeries s : data) {
            samples += s.timestamps().length;
            for (long t : s.timestamps()) {
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        if (data.isEmpty()) {
            return new Result(0, 0, 0, 0, 0);
        }
        List<BlockMeta> blocks;
        try {
            blocks = tsdb.backfill(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidImportException(e.getMessage());
        }
        return new Result(data.size(), samples, blocks.size(), min, max);
    }

    private static final class Growing {
        long[] ts = new long[8];
        double[] vs = new double[8];
        int[] lines = new int[8];
        int n;

        void add(long t, double v, int line) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
                lines = Arrays.copyOf(lines, n * 2);
            }
            ts[n] = t;
            vs[n] = v;
            lines[n++] = line;
        }

        void checkUnique(Labels l) throws InvalidImportException {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Long.compare(ts[a], ts[b]));
            for (int i = 1; i < n; i++) {
                if (ts[idx[i]] == ts[idx[i - 1]]) {
                    int line = Math.max(lines[idx[i]], lines[idx[i - 1]]);
                    throw new InvalidImportException("line " + line + ": duplicate sample for timestamp "
                            + ts[idx[i]] + " of series " + l);
                }
            }
        }
    }
}
