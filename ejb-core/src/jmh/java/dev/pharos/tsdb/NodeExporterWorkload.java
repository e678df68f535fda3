package dev.pharos.tsdb;

import dev.pharos.model.Labels;
import java.util.SplittableRandom;

/**
 * A node_exporter-like workload, fixed before measuring (not tuned to the bar): per target,
 * series of six kinds in proportions that follow node_exporter's structure, where most series
 * are idle (filesystem sizes, info metrics, loop devices, unused interfaces, rarely-moving error
 * counters) and a minority moves every scrape (CPU seconds, byte and packet counters, memory).
 *
 * <pre>
 * kind              share  value model (15 s scrape interval)
 * CONSTANT           45 %  fixed value (sizes, limits, info = 1)
 * IDLE_COUNTER       20 %  integer counter, +1..3 with probability 0.02 per scrape
 * FEW_VALUES_GAUGE   10 %  one of 3 values, changes with probability 0.05
 * BUSY_COUNTER       10 %  integer bytes/packets counter around 1e9, +0..2e6 each scrape
 * CPU_SECONDS         8 %  float seconds with 2 decimals (USER_HZ), +0.01..15 each scrape
 * MEMORY_GAUGE        7 %  bytes in 4 KiB pages around 8 GiB, random walk of +-0..256 pages
 * </pre>
 * Timestamps are exact multiples of 15 s, except 1 % of scrapes shifted by 1..5 ms (Prometheus
 * aligns scrape timestamps within 2 ms, so real data is at least this regular).
 */
final class NodeExporterWorkload {

    enum Kind { CONSTANT, IDLE_COUNTER, FEW_VALUES_GAUGE, BUSY_COUNTER, CPU_SECONDS, MEMORY_GAUGE }

    static final long INTERVAL = 15_000;

    final int n;
    final Labels[] labels;
    final Kind[] kinds;
    final long[] refs;
    private final double[] state;
    private final double[] aux;
    private final SplittableRandom rnd;

    NodeExporterWorkload(int seriesCount, long seed) {
        n = seriesCount;
        labels = new Labels[n];
        kinds = new Kind[n];
        refs = new long[n];
        state = new double[n];
        aux = new double[n];
        rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int r = i % 100;
            Kind k = r < 45 ? Kind.CONSTANT : r < 65 ? Kind.IDLE_COUNTER : r < 75 ? Kind.FEW_VALUES_GAUGE
                    : r < 85 ? Kind.BUSY_COUNTER : r < 93 ? Kind.CPU_SECONDS : Kind.MEMORY_GAUGE;
            kinds[i] = k;
            int target = i / 1000;
            labels[i] = Labels.of("__name__", "node_" + k.name().toLowerCase() + "_" + (i % 37),
                    "instance", "host-" + target + ".example.org:9100", "job", "node",
                    "device", "dev" + (i % 1000) / 37);
            state[i] = switch (k) {
                case CONSTANT -> (double) (rnd.nextInt(1_000_000) * 4096L);
                case IDLE_COUNTER -> rnd.nextInt(100);
                case FEW_VALUES_GAUGE -> 0;
                case BUSY_COUNTER -> 1e9 + rnd.nextInt(1_000_000_000);
                case CPU_SECONDS -> Math.round(rnd.nextDouble() * 1e6 * 100) / 100.0;
                case MEMORY_GAUGE -> 2_097_152L * 4096.0;
            };
            aux[i] = 1 + rnd.nextInt(15); // cpu utilisation profile in seconds per scrape
        }
    }

    /** Timestamp of scrape number k. */
    long timestamp(long k) {
        long t = k * INTERVAL;
        return rnd.nextInt(100) == 0 ? t + 1 + rnd.nextInt(5) : t;
    }

    /** Advances series i by one scrape and returns its value. */
    double next(int i) {
        double v = state[i];
        switch (kinds[i]) {
            case CONSTANT -> { }
            case IDLE_COUNTER -> {
                if (rnd.nextInt(50) == 0) {
                    v += 1 + rnd.nextInt(3);
                }
            }
            case FEW_VALUES_GAUGE -> {
                if (rnd.nextInt(20) == 0) {
                    v = rnd.nextInt(3);
                }
            }
            case BUSY_COUNTER -> v += rnd.nextInt(2_000_000);
            case CPU_SECONDS -> v = Math.round((v + rnd.nextDouble() * aux[i]) * 100) / 100.0;
            case MEMORY_GAUGE -> v += (rnd.nextInt(513) - 256) * 4096.0;
        }
        state[i] = v;
        return v;
    }
}
