package dev.pharos.tsdb;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the TSDB, for /metrics (prometheus_tsdb_* equivalents). Read any time. */
public final class TsdbStats {
    /** Samples committed into the head. */
    public final LongAdder samplesAppended = new LongAdder();
    /** Samples accepted inside the out-of-order window. */
    public final LongAdder outOfOrderAccepted = new LongAdder();
    public final LongAdder rejectedOutOfOrder = new LongAdder();
    public final LongAdder rejectedDuplicate = new LongAdder();
    public final LongAdder rejectedOutOfBounds = new LongAdder();
    public final LongAdder rejectedTooOld = new LongAdder();
    /** Samples that passed {@code append} but lost a race at commit (another appender was first). */
    public final LongAdder droppedAtCommit = new LongAdder();
    public final LongAdder seriesCreated = new LongAdder();
    public final LongAdder seriesRemoved = new LongAdder();
    public final LongAdder headTruncations = new LongAdder();
    public final LongAdder blocksCut = new LongAdder();
    public final LongAdder compactions = new LongAdder();
    public final LongAdder compactionsFailed = new LongAdder();
    public final LongAdder blocksDeletedByTimeRetention = new LongAdder();
    public final LongAdder blocksDeletedBySizeRetention = new LongAdder();
    public final LongAdder checkpoints = new LongAdder();

    void reject(AppendRejectedException.Reason r) {
        switch (r) {
            case OUT_OF_ORDER -> rejectedOutOfOrder.increment();
            case DUPLICATE -> rejectedDuplicate.increment();
            case OUT_OF_BOUNDS -> rejectedOutOfBounds.increment();
            case TOO_OLD -> rejectedTooOld.increment();
        }
    }
}
