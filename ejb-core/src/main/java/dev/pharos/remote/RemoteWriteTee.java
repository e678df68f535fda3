package dev.pharos.remote;

import dev.pharos.model.Labels;
import dev.pharos.tsdb.AppendRejectedException;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.Storage;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Storage} that also hands every committed sample to the remote-write queues, as
 * Prometheus's fanout storage does. With no queues configured the appender is the inner one,
 * so local ingestion pays nothing; the queue set can change on config reload.
 */
public final class RemoteWriteTee implements Storage {

    private final Storage inner;
    private volatile List<RemoteWriteQueue> queues = List.of();

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

    private static final class TeeAppender implements Appender {
        private final Appender inner;
        private final List<RemoteWriteQueue> queues;
        private Labels[] ls = new Labels[64];
        private long[] ts = new long[64];
        private double[] vs = new double[64];
        private int n;

        TeeAppender(Appender inner, List<RemoteWriteQueue> queues) {
            this.inner = inner;
            this.queues = queues;
        }

        @Override
        public long append(long ref, Labels labels, long t, double v) throws AppendRejectedException {
            long r = inner.append(ref, labels, t, v); // rejected samples are not forwarded
            if (n == ls.length) {
                ls = Arrays.copyOf(ls, n * 2);
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            ls[n] = labels;
            ts[n] = t;
            vs[n++] = v;
            return r;
        }

        @Override
        public void commit() {
            inner.commit();
            for (RemoteWriteQueue q : queues) {
                for (int i = 0; i < n; i++) {
                    q.offer(ls[i], ts[i], vs[i]);
                }
            }
            n = 0;
        }

        @Override
        public void rollback() {
            inner.rollback();
            n = 0;
        }
    }
}
