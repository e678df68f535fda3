package dev.pharos.remote;

import dev.pharos.model.Labels;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.xerial.snappy.Snappy;

/**
 * The sending side of Remote Write 1.0 for one endpoint: samples are queued in bounded primitive
 * arrays and sent by one background thread (one shard, so each series stays in order) in
 * batches of up to {@code maxSamplesPerSend}, or whatever has gathered after
 * {@code batchSendDeadline}. Per the spec, 5xx and transport errors (and 429 when configured) are
 * retried with exponential backoff between minBackoff and maxBackoff; other 4xx drop the batch.
 * A full queue drops new samples (counted) rather than blocking the scrape that offers them.
 */
public final class RemoteWriteQueue implements AutoCloseable {

    /** Sends one snappy-compressed WriteRequest; returns the HTTP status code. */
    @FunctionalInterface
    public interface Transport {
        int send(byte[] snappyBody) throws IOException, InterruptedException;
    }

    private final Transport transport;
    private final int maxSamplesPerSend;
    private final long deadlineNanos;
    private final long minBackoffMillis;
    private final long maxBackoffMillis;
    private final boolean retryOn429;
    private final Labels externalLabels;

    // Ring buffer of pending samples, guarded by "this".
    private final Labels[] labels;
    private final long[] ts;
    private final double[] vs;
    private int head;
    private int size;
    private boolean closed;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final Thread sender;

    public RemoteWriteQueue(String name, Transport transport, int capacity, int maxSamplesPerSend,
            Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff, boolean retryOn429) {
        this(name, transport, capacity, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff, retryOn429,
                Labels.EMPTY);
    }

    /**
     * @param externalLabels added to every series sent that lacks a label of that name, as
     *                       Prometheus does with global.external_labels
     */
    public RemoteWriteQueue(String name, Transport transport, int capacity, int maxSamplesPerSend,
            Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff, boolean retryOn429,
            Labels externalLabels) {
        this.externalLabels = externalLabels == null ? Labels.EMPTY : externalLabels;
        this.transport = transport;
        this.maxSamplesPerSend = maxSamplesPerSend;
        this.deadlineNanos = batchSendDeadline.toNanos();
        this.minBackoffMillis = Math.max(1, minBackoff.toMillis());
        this.maxBackoffMillis = Math.max(minBackoffMillis, maxBackoff.toMillis());
        this.retryOn429 = retryOn429;
        int cap = Math.max(capacity, maxSamplesPerSend);
        labels = new Labels[cap];
        ts = new long[cap];
        vs = new double[cap];
        sender = new Thread(this::run, "remote-write-" + name);
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues a sample; false (and counted as dropped) when the queue is full or closed. */
    public synchronized boolean offer(Labels l, long t, double v) {
        if (closed || size == labels.length) {
            dropped.incrementAndGet();
            return false;
        }
        int i = (head + size) % labels.length;
        labels[i] = l;
        ts[i] = t;
        vs[i] = v;
        size++;
        if (size >= maxSamplesPerSend) {
            notifyAll();
        }
        return true;
    }

    public long samplesSent() {
        return sent.get();
    }

    public long samplesDropped() {
        return dropped.get();
    }

    public long samplesFailed() {
        return failed.get();
    }

    public long retries() {
        return retries.get();
    }

    public synchronized int pending() {
        return size;
    }

    private void run() {
        Labels[] bl = new Labels[maxSamplesPerSend];
        long[] bt = new long[maxSamplesPerSend];
        double[] bv = new double[maxSamplesPerSend];
        WriteRequestEncoder enc = new WriteRequestEncoder();
        while (true) {
            int n;
            synchronized (this) {
                long end = System.nanoTime() + deadlineNanos;
                while (size < maxSamplesPerSend && !closed) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (size == 0) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                n = Math.min(size, maxSamplesPerSend);
                for (int k = 0; k < n; k++) {
                    int i = (head + k) % labels.length;
                    bl[k] = labels[i];
                    bt[k] = ts[i];
                    bv[k] = vs[i];
                    labels[i] = null;
                }
                head = (head + n) % labels.length;
                size -= n;
            }
            enc.reset();
            // Consecutive samples of one series become one TimeSeries.
            for (int from = 0; from < n; ) {
                int to = from + 1;
                while (to < n && bl[to].equals(bl[from])) {
                    to++;
                }
                enc.add(withExternal(bl[from]), bt, bv, from, to);
                from = to;
            }
            Arrays.fill(bl, 0, n, null);
            try {
                deliver(Snappy.compress(enc.finish()), n);
            } catch (IOException e) {
                failed.addAndGet(n);
            } catch (InterruptedException e) {
                failed.addAndGet(n);
                return;
            }
        }
    }

    private Labels withExternal(Labels l) {
        if (externalLabels.isEmpty()) {
            return l;
        }
        Labels.Builder b = null;
        for (int i = 0; i < externalLabels.size(); i++) {
            if (!l.has(externalLabels.name(i))) {
                if (b == null) {
                    b = l.toBuilder();
                }
                b.set(externalLabels.name(i), externalLabels.value(i));
            }
        }
        return b == null ? l : b.build();
    }

    private void deliver(byte[] body, int n) throws IOException, InterruptedException {
        long backoff = minBackoffMillis;
        while (true) {
            int status;
            try {
                status = transport.send(body);
            } catch (IOException e) {
                status = -1;
            }
            if (status >= 200 && status < 300) {
                sent.addAndGet(n);
                return;
            }
            boolean retry = status < 0 || status >= 500 || (status == 429 && retryOn429);
            if (!retry || isClosedAndDraining()) {
                failed.addAndGet(n);
                return;
            }
            retries.incrementAndGet();
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, maxBackoffMillis);
        }
    }

    private synchronized boolean isClosedAndDraining() {
        return closed;
    }

    /** Stops accepting samples, tries to send what is queued (no retries) and waits up to {@code wait}. */
    public void close(Duration wait) throws InterruptedException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        sender.join(wait.toMillis());
        if (sender.isAlive()) {
            sender.interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(5));
    }
}
