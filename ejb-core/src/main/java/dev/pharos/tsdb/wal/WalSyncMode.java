package dev.pharos.tsdb.wal;

/** When the write-ahead log forces written records to stable storage (fsync). */
public enum WalSyncMode {
    /** fsync on every commit: nothing committed is ever lost, at the cost of one fsync per commit. */
    ALWAYS,
    /**
     * fsync at a commit once the sync interval has passed since the last one, and at every
     * explicit {@link Wal#sync()}: an OS crash or power loss loses at most the commits of the last
     * interval. The default.
     */
    BATCH,
    /** fsync only on segment roll, checkpoint, close and explicit {@link Wal#sync()}. */
    NONE
}
