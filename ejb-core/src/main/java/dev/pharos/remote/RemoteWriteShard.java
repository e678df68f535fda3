package dev.pharos.remote;

import java.io.IOException;
import java.util.Arrays;

/**
 * One shard of a {@link RemoteWriteQueue}: a bounded ring buffer of primitive arrays and the
 * thread that sends it in batches of up to max_samples_per_send (or what has gathered after
 * batch_send_deadline). All samples of a series go to the same shard, so they are sent in order.
 * A closed shard refuses new samples and sends what it holds before its thread ends.
 */
final class RemoteWriteShard {

    static final int OK = 0;
    static final int FULL = 1;
    static final int CLOSED = 2;

    private final RemoteWriteQueue q;
    private final int maxPerSend;

    // Ring buffer, guarded by "this".
    private final SendSeries[] series;
    private final long[] ts;
    private final double[] vs;
    private int head;
    private int size;
    private boolean closed;
    /** Set when the shard must stop retrying (queue shut down, or its flush deadline passed). */
    private volatile boolean abandoned;

    private final Thread sender;

    RemoteWriteShard(RemoteWriteQueue q, int index, int capacity) {
        this.q = q;
        this.maxPerSend = q.maxSamplesPerSend;
        int cap = Math.max(capacity, maxPerSend);
        series = new SendSeries[cap];
        ts = new long[cap];
        vs = new double[cap];
        sender = new Thread(this::run, "remote-write-" + q.name() + "-" + index);
        sender.setDaemon(true);
    }

    void start() {
        sender.start();
    }

    synchronized int offer(SendSeries s, long t, double v) {
        if (closed) {
            return CLOSED;
        }
        int cap = series.length;
        if (size == cap) {
            return FULL;
        }
        int i = head + size;
        if (i >= cap) {
            i -= cap;
        }
        series[i] = s;
        ts[i] = t;
        vs[i] = v;
        if (++size == maxPerSend) {
            notifyAll(); // a full batch: wake the sender before the deadline
        }
        return OK;
    }

    synchronized int pending() {
        return size;
    }

    int capacity() {
        return series.length;
    }

    /** Refuses new samples; the sender sends what is queued and ends. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Stops retrying (what fails is counted as failed) and wakes a sender sleeping in backoff. */
    void abandon() {
        abandoned = true;
        sender.interrupt();
    }

    boolean join(long millis) throws InterruptedException {
        if (sender.getState() == Thread.State.NEW) {
            return true;
        }
        sender.join(Math.max(1, millis));
        return !sender.isAlive();
    }

    private void run() {
        SendSeries[] bs = new SendSeries[maxPerSend];
        long[] bt = new long[maxPerSend];
        double[] bv = new double[maxPerSend];
        WriteRequestEncoder enc = new WriteRequestEncoder();
        long deadlineNanos = q.batchSendDeadlineNanos;
        while (true) {
            int n;
            synchronized (this) {
                if (abandoned) {
                    // shut down or past the flush deadline: what is left is not sent
                    q.failed(size);
                    Arrays.fill(series, null);
                    size = 0;
                    return;
                }
                long end = System.nanoTime() + deadlineNanos;
                while (size < maxPerSend && !closed) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        if (abandoned) {
                            break;
                        }
                    }
                }
                if (abandoned) {
                    continue;
                }
                if (size == 0) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                n = Math.min(size, maxPerSend);
                int cap = series.length;
                for (int k = 0; k < n; k++) {
                    int i = head + k;
                    if (i >= cap) {
                        i -= cap;
                    }
                    bs[k] = series[i];
                    bt[k] = ts[i];
                    bv[k] = vs[i];
                    series[i] = null;
                }
                head = (head + n) % cap;
                size -= n;
            }
            try {
                send(enc, bs, bt, bv, n);
            } catch (InterruptedException e) {
                // abandoned during a backoff sleep or a send: send() counted the batch
            }
            Arrays.fill(bs, 0, n, null);
        }
    }

    /** Sends one batch, retrying recoverable errors with exponential backoff until abandoned. */
    private void send(WriteRequestEncoder enc, SendSeries[] bs, long[] bt, double[] bv, int n)
            throws InterruptedException {
        long begin = System.nanoTime();
        long backoff = q.minBackoffMillis;
        byte[] body = null;
        while (true) {
            if (q.sampleAgeLimitMillis > 0) {
                int kept = dropOlderThan(bs, bt, bv, n, q.nowMillis() - q.sampleAgeLimitMillis);
                if (kept < n) {
                    q.droppedTooOld(n - kept);
                    n = kept;
                    body = null;
                }
                if (n == 0) {
                    return;
                }
            }
            if (body == null) {
                try {
                    body = encode(enc, bs, bt, bv, n);
                } catch (IOException e) {
                    q.failed(n);
                    return;
                }
            }
            int status;
            try {
                status = q.transport.send(body);
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                q.failed(n);
                throw e;
            }
            if (status >= 200 && status < 300) {
                long maxT = Long.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    maxT = Math.max(maxT, bt[i]);
                }
                q.sentBatch(n, body.length, maxT, System.nanoTime() - begin);
                return;
            }
            q.sendError();
            boolean retry = status < 0 || status >= 500 || (status == 429 && q.retryOn429);
            if (!retry || abandoned || q.shuttingDown()) {
                q.failed(n);
                return;
            }
            q.retried(n);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                q.failed(n);
                throw e;
            }
            backoff = Math.min(backoff * 2, q.maxBackoffMillis);
        }
    }

    /** Keeps the samples at or after {@code minT}, in order; returns how many are left. */
    static int dropOlderThan(SendSeries[] bs, long[] bt, double[] bv, int n, long minT) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (bt[i] >= minT) {
                bs[w] = bs[i];
                bt[w] = bt[i];
                bv[w] = bv[i];
                w++;
            }
        }
        Arrays.fill(bs, w, n, null);
        return w;
    }

    private static byte[] encode(WriteRequestEncoder enc, SendSeries[] bs, long[] bt, double[] bv, int n)
            throws IOException {
        enc.reset();
        // Consecutive samples of one series become one TimeSeries.
        for (int from = 0; from < n; ) {
            int to = from + 1;
            while (to < n && bs[to] == bs[from]) {
                to++;
            }
            enc.add(bs[from].encodedLabels, bt, bv, from, to);
            from = to;
        }
        return enc.finishSnappy();
    }
}
