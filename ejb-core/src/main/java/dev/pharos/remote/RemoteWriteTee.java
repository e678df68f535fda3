package dev.pharos.remote;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.AppendRejectedException;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.Storage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Storage} that also hands every committed sample to the remote-write queues, as
 * Prometheus's fanout storage does. With no queues configured the appender is the inner one,
 * so local ingestion pays nothing; the queue set can change on config reload. Samples are
 * buffered in primitive arrays until commit (a rolled-back append is never sent) and offered to
 * each queue as one batch.
 */
public final class RemoteWriteTee implements Storage {

    private final Storage inner;
    private volatile List<RemoteWriteQueue> queues = List.of();
    /** Highest committed sample timestamp while queues were configured (ms). */
    private final AtomicLong highestMillis = new AtomicLong(Long.MIN_VALUE);
    private final LongAdder samplesIn = new LongAdder();

    public RemoteWriteTee(Storage inner) {
        this.inner = inner;
    }

    /** Replaces the queues (the caller closes the old ones). */
    public void setQueues(List<RemoteWriteQueue> qs) {
        queues = List.copyOf(qs);
    }

    public List<RemoteWriteQueue> queues() {
        return queues;
    }

    /**
     * The highest timestamp handed to the queues, in milliseconds (0 before the first), for
     * Prometheus's {@code prometheus_remote_storage_highest_timestamp_in_seconds}.
     */
    public long highestTimestampMillis() {
        long h = highestMillis.get();
        return h == Long.MIN_VALUE ? 0 : h;
    }

    /** Samples committed while queues were configured (Prometheus's samples_in_total). */
    public long samplesIn() {
        return samplesIn.sum();
    }

    @Override
    public Appender appender() {
        List<RemoteWriteQueue> qs = queues;
        Appender a = inner.appender();
        return qs.isEmpty() ? a : new TeeAppender(a, qs);
    }

    @Override
    public Querier querier(long mint, long maxt) {
        return inner.querier(mint, maxt);
    }

    /** Sample buffers of one appender, returned to {@link #pool} on commit/rollback for the next one. */
    private static final class Buffers {
        Labels[] ls = new Labels[256];
        long[] ts = new long[256];
        double[] vs = new double[256];
    }

    /** Buffers larger than this (an import's commit) are not kept. */
    private static final int MAX_POOLED = 1 << 16;
    /**
     * Free buffers, one slot per concurrent appender we expect (no ThreadLocal: the appending
     * threads belong to the application server); an empty pool just means a fresh Buffers.
     */
    private final AtomicReferenceArray<Buffers> pool =
            new AtomicReferenceArray<>(Math.max(8, 2 * Runtime.getRuntime().availableProcessors()));

    private Buffers acquire() {
        for (int i = 0; i < pool.length(); i++) {
            Buffers b = pool.getAndSet(i, null);
            if (b != null) {
                return b;
            }
        }
        return new Buffers();
    }

    private void release(Buffers b) {
        if (b.ls.length > MAX_POOLED) {
            return;
        }
        for (int i = 0; i < pool.length(); i++) {
            if (pool.get(i) == null && pool.compareAndSet(i, null, b)) {
                return;
            }
        }
    }

    private final class TeeAppender implements Appender {
        private final Appender inner;
        private final List<RemoteWriteQueue> queues;
        private Buffers buf;
        private int n;
        private long maxT = Long.MIN_VALUE;

        TeeAppender(Appender inner, List<RemoteWriteQueue> queues) {
            this.inner = inner;
            this.queues = queues;
            buf = acquire();
        }

        @Override
        public long append(long ref, Labels labels, long t, double v) throws AppendRejectedException {
            long r = inner.append(ref, labels, t, v); // rejected samples are not forwarded
            Buffers b = buf;
            if (n == b.ls.length) {
                b.ls = Arrays.copyOf(b.ls, n * 2);
                b.ts = Arrays.copyOf(b.ts, n * 2);
                b.vs = Arrays.copyOf(b.vs, n * 2);
            }
            b.ls[n] = labels;
            b.ts[n] = t;
            b.vs[n++] = v;
            if (t > maxT) {
                maxT = t;
            }
            return r;
        }

        @Override
        public void commit() {
            try {
                inner.commit();
                if (n > 0) {
                    for (RemoteWriteQueue q : queues) {
                        q.offer(buf.ls, buf.ts, buf.vs, n);
                    }
                    samplesIn.add(n);
                    if (maxT > highestMillis.get()) {
                        highestMillis.accumulateAndGet(maxT, Math::max);
                    }
                }
            } finally {
                release();
            }
        }

        @Override
        public void rollback() {
            try {
                inner.rollback();
            } finally {
                release();
            }
        }

        private void release() {
            Buffers b = buf;
            if (b == null) {
                return; // committed or rolled back already
            }
            buf = null;
            // Drop the label references so that pooled buffers keep no series alive.
            Arrays.fill(b.ls, 0, n, null);
            n = 0;
            maxT = Long.MIN_VALUE;
            RemoteWriteTee.this.release(b);
        }
    }
}
