package dev.pharos.tsdb;

import dev.pharos.tsdb.wal.WalSyncMode;

/**
 * Settings of a {@link Tsdb}. Mutable with fluent setters; {@link Tsdb#open} takes a copy.
 * Defaults follow Prometheus: 2 h blocks, 15 d retention.
 */
public final class TsdbOptions {

    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;

    long blockRangeMillis = 2 * HOUR;
    long retentionMillis = 15 * DAY;
    long retentionBytes = 0;
    long maxBlockDurationMillis = -1;
    long walSegmentSize = 64L << 20;
    WalSyncMode walSyncMode = WalSyncMode.BATCH;
    long walSyncIntervalMillis = 1000;
    boolean walEnabled = true;
    boolean walCompression = false;
    int headChunkFileSize = 128 << 20;
    int samplesPerChunk = 120;
    int compactChunkBytes = 0;
    long outOfOrderWindowMillis = 0;

    public TsdbOptions copy() {
        TsdbOptions o = new TsdbOptions();
        o.blockRangeMillis = blockRangeMillis;
        o.retentionMillis = retentionMillis;
        o.retentionBytes = retentionBytes;
        o.maxBlockDurationMillis = maxBlockDurationMillis;
        o.walSegmentSize = walSegmentSize;
        o.walSyncMode = walSyncMode;
        o.walSyncIntervalMillis = walSyncIntervalMillis;
        o.walEnabled = walEnabled;
        o.walCompression = walCompression;
        o.headChunkFileSize = headChunkFileSize;
        o.samplesPerChunk = samplesPerChunk;
        o.compactChunkBytes = compactChunkBytes;
        o.outOfOrderWindowMillis = outOfOrderWindowMillis;
        return o;
    }

    /** Span of the smallest block cut from the head (default 2 h); chunks never cross it. */
    public TsdbOptions blockRangeMillis(long v) {
        blockRangeMillis = v;
        return this;
    }

    /** Blocks whose data lies entirely before newest time minus this are deleted (default 15 d; 0 = off). */
    public TsdbOptions retentionMillis(long v) {
        retentionMillis = v;
        return this;
    }

    /** Oldest blocks are deleted while blocks + WAL + head chunks exceed this (0 = off). */
    public TsdbOptions retentionBytes(long v) {
        retentionBytes = v;
        return this;
    }

    /** Largest compacted block span; default min(10% of retention, 31 d). */
    public TsdbOptions maxBlockDurationMillis(long v) {
        maxBlockDurationMillis = v;
        return this;
    }

    public TsdbOptions walSegmentSize(long v) {
        walSegmentSize = v;
        return this;
    }

    public TsdbOptions walSyncMode(WalSyncMode v) {
        walSyncMode = v;
        return this;
    }

    /** With {@link WalSyncMode#BATCH}: the longest time a committed sample stays un-fsynced (default 1 s). */
    public TsdbOptions walSyncIntervalMillis(long v) {
        walSyncIntervalMillis = v;
        return this;
    }

    /** Without a WAL the head is lost on crash or close (for benchmarks and throw-away stores). */
    public TsdbOptions walEnabled(boolean v) {
        walEnabled = v;
        return this;
    }

    /**
     * Snappy-compresses WAL sample records (as Prometheus's --storage.tsdb.wal-compression):
     * a smaller WAL for some CPU per commit. Default off.
     */
    public TsdbOptions walCompression(boolean v) {
        walCompression = v;
        return this;
    }

    public TsdbOptions headChunkFileSize(int v) {
        headChunkFileSize = v;
        return this;
    }

    public TsdbOptions samplesPerChunk(int v) {
        samplesPerChunk = v;
        return this;
    }

    /**
     * Lets low-entropy chunks grow past {@link #samplesPerChunk(int)}: a chunk that has the
     * normal sample count but is still smaller than this many bytes keeps growing, up to four
     * times the count (or the block boundary). Constant and rarely-changing series then pay the
     * per-chunk header (first timestamp and value, about 15 bytes) and the chunk file entry
     * (about 7 bytes) less often. 0 (default) keeps every chunk at the sample count, as Prometheus.
     */
    public TsdbOptions compactChunkBytes(int v) {
        compactChunkBytes = v;
        return this;
    }

    /** Whether a chunk being appended to is full under these settings. */
    boolean chunkFull(int samples, int bytes) {
        return samples >= samplesPerChunk
                && (compactChunkBytes <= 0 || bytes >= compactChunkBytes || samples >= 4 * samplesPerChunk);
    }

    /** Accept samples up to this much older than the head's newest sample (default 0: reject). */
    public TsdbOptions outOfOrderWindowMillis(long v) {
        outOfOrderWindowMillis = v;
        return this;
    }

    public long blockRangeMillis() {
        return blockRangeMillis;
    }

    public long retentionMillis() {
        return retentionMillis;
    }

    public long outOfOrderWindowMillis() {
        return outOfOrderWindowMillis;
    }

    /** The compaction ladder: block range x3 per level up to the max block duration. */
    long[] compactionRanges() {
        long max = maxBlockDurationMillis > 0 ? maxBlockDurationMillis
                : Math.min(retentionMillis > 0 ? retentionMillis / 10 : 31 * DAY, 31 * DAY);
        java.util.List<Long> rs = new java.util.ArrayList<>();
        for (long r = blockRangeMillis; r <= Math.max(max, blockRangeMillis); r *= 3) {
            rs.add(r);
        }
        return rs.stream().mapToLong(Long::longValue).toArray();
    }
}
