package dev.pharos.config;

import java.time.Duration;

/** {@code storage}: runtime-reloadable TSDB and exemplar settings; either part may be null (absent). */
public record StorageConfig(Tsdb tsdb, Exemplars exemplars) {

    public static final StorageConfig EMPTY = new StorageConfig(null, null);

    /**
     * {@code storage.tsdb}. {@code chunkEncodingFloats} is "" (unset), "xor" or "xor2";
     * {@code retention} is null when absent.
     */
    public record Tsdb(Duration outOfOrderTimeWindow, double staleSeriesCompactionThreshold,
            String chunkEncodingFloats, Retention retention) {
    }

    /** {@code storage.tsdb.retention}: time null when unset, size in bytes (0 = off), percentage 0..100. */
    public record Retention(Duration time, long size, double percentage) {
    }

    /** {@code storage.exemplars}. */
    public record Exemplars(long maxExemplars) {
    }
}
