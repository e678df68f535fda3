package dev.pharos.remote;

import dev.pharos.config.RemoteWriteConfig;
import dev.pharos.model.Labels;
import dev.pharos.relabel.RelabelConfig;
import dev.pharos.scrape.MetricMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The sending side of Remote Write 1.0 for one {@code remote_write} entry, after Prometheus's
 * queue manager.
 *
 * <p>Supported:
 * <ul>
 * <li>global external labels (a label the series has wins), then {@code write_relabel_configs},
 *     resolved once per series ({@link SeriesCache}); a series the rules drop is not sent and its
 *     samples count as dropped (reason {@code dropped_series});</li>
 * <li>sharding: the samples of a series always go to the same shard (hash of its sent labels),
 *     so each series stays in order; each shard has {@code capacity} samples of buffer and sends
 *     batches of up to {@code max_samples_per_send}, or what has gathered after
 *     {@code batch_send_deadline};</li>
 * <li>dynamic resharding between {@code min_shards} and {@code max_shards} every reshard interval
 *     (10 s as in Prometheus), from the incoming rate, the measured sending time per sample and
 *     the backlog ({@link ShardCount}); the old shards are drained before the new ones send, so
 *     per-series order holds across a reshard; no resharding while a send has failed within the
 *     last interval (an idle queue shrinks to min_shards);</li>
 * <li>retries of 5xx, transport errors (and 429 with {@code retry_on_http_429}) with exponential
 *     backoff between {@code min_backoff} and {@code max_backoff}; other 4xx fail the batch;</li>
 * <li>{@code sample_age_limit}: when non-zero, samples older than it when a batch is built (and
 *     again before each retry) are dropped (reason {@code too_old});</li>
 * <li>{@code metadata_config}: with {@code send: true}, every {@code send_interval} the TYPE,
 *     HELP and UNIT of every metric family known to the metadata source are sent as WriteRequests
 *     holding only metadata, {@code max_samples_per_send} entries per request (metadata is not
 *     relabelled, as in Prometheus).</li>
 * </ul>
 *
 * <p>Threads: one sender per shard, plus one control thread that reshards and sends metadata
 * (a reshard waiting for old shards to flush delays the metadata). The ingestion path
 * ({@link #offer}) takes one map lookup and one uncontended shard lock per sample and allocates
 * nothing once a series is cached.
 *
 * <p>Differences from Prometheus: samples come from the ingestion path, not a WAL reader, so a
 * full shard drops new samples (reason {@code queue_full}) instead of blocking ingestion, and a
 * restart loses what was queued. Not supported: exemplars, native histograms, Remote Write 2.0,
 * Retry-After, sigv4/azuread/google_iam auth (see RemoteWriteService).
 */
public final class RemoteWriteQueue implements AutoCloseable {

    /** Sends one snappy-compressed WriteRequest; returns the HTTP status code. */
    @FunctionalInterface
    public interface Transport {
        int send(byte[] snappyBody) throws IOException, InterruptedException;
    }

    /** Prometheus's shardUpdateDuration: no resharding with a failed send this recent. */
    private static final long RECENT_ERROR_NANOS = 10_000_000_000L;

    private final String name;
    private final String url;
    final Transport transport;
    final int maxSamplesPerSend;
    final long batchSendDeadlineNanos;
    final long minBackoffMillis;
    final long maxBackoffMillis;
    final boolean retryOn429;
    final long sampleAgeLimitMillis;
    private final LongSupplier clock;
    private final int minShards;
    private final int maxShards;
    private final int shardCapacity;
    private final long reshardIntervalNanos;
    private final long flushDeadlineMillis;
    private final RemoteWriteConfig.MetadataConfig metadataConfig;
    private final Supplier<? extends Collection<MetricMetadata>> metadataSource;
    private final SeriesCache cache;

    /** The live shards; replaced as a whole by a reshard. */
    private volatile RemoteWriteShard[] shards;
    private volatile boolean shuttingDown;
    private volatile int desiredShards;
    private final Thread controller;

    // Hot-path counters: summed once per offered batch.
    private final LongAdder accepted = new LongAdder();
    private final LongAdder droppedSeries = new LongAdder();
    private final LongAdder droppedFull = new LongAdder();
    // Sender-side counters.
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong retryAttempts = new AtomicLong();
    private final AtomicLong droppedTooOld = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sendNanos = new AtomicLong();
    private final AtomicLong highestSentMillis = new AtomicLong(Long.MIN_VALUE);
    private volatile long lastSendErrorNanos;
    private volatile boolean sendErrorSeen;
    private final AtomicLong metadataSent = new AtomicLong();
    private final AtomicLong metadataFailed = new AtomicLong();
    private final AtomicLong metadataRetried = new AtomicLong();
    private final AtomicLong metadataBytes = new AtomicLong();

    // Resharding state, controller thread only.
    private long lastTickNanos = System.nanoTime();
    private long lastAccepted;
    private long lastSent;
    private long lastSendNanos;
    private double inRate = Double.NaN;
    private double secondsPerSample = Double.NaN;

    /** One shard, for tests and callers that do not need the configuration. */
    public RemoteWriteQueue(String name, Transport transport, int capacity, int maxSamplesPerSend,
            Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff, boolean retryOn429) {
        this(name, transport, capacity, maxSamplesPerSend, batchSendDeadline, minBackoff, maxBackoff, retryOn429,
                Labels.EMPTY);
    }

    /** One shard, with external labels. */
    public RemoteWriteQueue(String name, Transport transport, int capacity, int maxSamplesPerSend,
            Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff, boolean retryOn429,
            Labels externalLabels) {
        this(builder(name, transport)
                .queueConfig(new RemoteWriteConfig.QueueConfig(capacity, 1, 1, maxSamplesPerSend, batchSendDeadline,
                        minBackoff, maxBackoff, retryOn429, Duration.ZERO))
                .externalLabels(externalLabels));
    }

    private RemoteWriteQueue(Builder b) {
        RemoteWriteConfig.QueueConfig qc = b.queueConfig;
        this.name = b.name;
        this.url = b.url;
        this.transport = b.transport;
        this.maxSamplesPerSend = Math.max(1, qc.maxSamplesPerSend());
        this.batchSendDeadlineNanos = qc.batchSendDeadline().toNanos();
        this.minBackoffMillis = Math.max(1, qc.minBackoff().toMillis());
        this.maxBackoffMillis = Math.max(minBackoffMillis, qc.maxBackoff().toMillis());
        this.retryOn429 = qc.retryOnHttp429();
        this.sampleAgeLimitMillis = qc.sampleAgeLimit() == null ? 0 : qc.sampleAgeLimit().toMillis();
        this.clock = b.clock;
        this.minShards = Math.max(1, qc.minShards());
        this.maxShards = Math.max(minShards, qc.maxShards());
        this.shardCapacity = Math.max(qc.capacity(), maxSamplesPerSend);
        this.reshardIntervalNanos = b.reshardInterval.toNanos();
        this.flushDeadlineMillis = b.flushDeadline.toMillis();
        this.metadataConfig = b.metadataConfig;
        this.metadataSource = b.metadataSource;
        this.cache = new SeriesCache(b.writeRelabelConfigs, b.externalLabels, b.seriesCacheSize);
        this.desiredShards = minShards;
        RemoteWriteShard[] first = newShards(minShards);
        shards = first;
        for (RemoteWriteShard s : first) {
            s.start();
        }
        controller = new Thread(this::control, "remote-write-" + name + "-control");
        controller.setDaemon(true);
        controller.start();
    }

    public static Builder builder(String name, Transport transport) {
        return new Builder(name, transport);
    }

    /** Settings of a queue; defaults are Prometheus's. */
    public static final class Builder {
        private final String name;
        private final Transport transport;
        private String url = "";
        private RemoteWriteConfig.QueueConfig queueConfig = RemoteWriteConfig.QueueConfig.DEFAULT;
        private RemoteWriteConfig.MetadataConfig metadataConfig = new RemoteWriteConfig.MetadataConfig(false,
                Duration.ofMinutes(1), 2000);
        private List<RelabelConfig> writeRelabelConfigs = List.of();
        private Labels externalLabels = Labels.EMPTY;
        private Supplier<? extends Collection<MetricMetadata>> metadataSource = List::of;
        private LongSupplier clock = System::currentTimeMillis;
        private Duration reshardInterval = Duration.ofSeconds(10);
        private Duration flushDeadline = Duration.ofMinutes(1);
        private int seriesCacheSize = 1 << 20;

        private Builder(String name, Transport transport) {
            this.name = name;
            this.transport = transport;
        }

        /** The endpoint, for the {@code url} label of the metrics. */
        public Builder url(String v) {
            url = v == null ? "" : v;
            return this;
        }

        public Builder queueConfig(RemoteWriteConfig.QueueConfig v) {
            queueConfig = v == null ? RemoteWriteConfig.QueueConfig.DEFAULT : v;
            return this;
        }

        /** Null or {@code send: false} sends no metadata (the default here; Prometheus's config default is on). */
        public Builder metadataConfig(RemoteWriteConfig.MetadataConfig v) {
            if (v != null) {
                metadataConfig = v;
            }
            return this;
        }

        public Builder writeRelabelConfigs(List<RelabelConfig> v) {
            writeRelabelConfigs = v == null ? List.of() : v;
            return this;
        }

        public Builder externalLabels(Labels v) {
            externalLabels = v == null ? Labels.EMPTY : v;
            return this;
        }

        /** Where metadata comes from (the scrape targets' metadata in the server). */
        public Builder metadataSource(Supplier<? extends Collection<MetricMetadata>> v) {
            metadataSource = v;
            return this;
        }

        /** Wall clock in milliseconds, for sample_age_limit. */
        public Builder clock(LongSupplier v) {
            clock = v;
            return this;
        }

        /** How often the shard count is reconsidered; zero turns dynamic resharding off. */
        public Builder reshardInterval(Duration v) {
            reshardInterval = v;
            return this;
        }

        /** How long a reshard waits for the old shards to send what they hold. */
        public Builder flushDeadline(Duration v) {
            flushDeadline = v;
            return this;
        }

        /** Bound of the per-series cache of relabelled labels. */
        public Builder seriesCacheSize(int v) {
            seriesCacheSize = v;
            return this;
        }

        public RemoteWriteQueue build() {
            return new RemoteWriteQueue(this);
        }
    }

    private RemoteWriteShard[] newShards(int n) {
        RemoteWriteShard[] s = new RemoteWriteShard[n];
        for (int i = 0; i < n; i++) {
            s[i] = new RemoteWriteShard(this, i, shardCapacity);
        }
        return s;
    }

    // ---- ingestion (hot path) ----

    /** Queues a sample; false (and counted as dropped) when relabelling drops it or its shard is full. */
    public boolean offer(Labels l, long t, double v) {
        SendSeries s = cache.resolve(l);
        if (s == SendSeries.DROPPED) {
            droppedSeries.increment();
            return false;
        }
        if (enqueue(s, t, v)) {
            accepted.increment();
            return true;
        }
        droppedFull.increment();
        return false;
    }

    /** Queues samples [0, n) of a committed batch; returns how many were queued. */
    public int offer(Labels[] ls, long[] ts, double[] vs, int n) {
        int ok = 0;
        int relabelDropped = 0;
        for (int i = 0; i < n; i++) {
            SendSeries s = cache.resolve(ls[i]);
            if (s == SendSeries.DROPPED) {
                relabelDropped++;
            } else if (enqueue(s, ts[i], vs[i])) {
                ok++;
            }
        }
        if (ok > 0) {
            accepted.add(ok);
        }
        if (relabelDropped > 0) {
            droppedSeries.add(relabelDropped);
        }
        if (ok + relabelDropped < n) {
            droppedFull.add(n - ok - relabelDropped);
        }
        return ok;
    }

    private boolean enqueue(SendSeries s, long t, double v) {
        RemoteWriteShard[] cur = shards;
        while (true) {
            int r = cur[s.shard(cur.length)].offer(s, t, v);
            if (r == RemoteWriteShard.OK) {
                return true;
            }
            if (r == RemoteWriteShard.FULL) {
                return false;
            }
            // CLOSED: a reshard swapped the shards in (before closing the old ones), or shut down.
            RemoteWriteShard[] next = shards;
            if (next == cur) {
                return false;
            }
            cur = next;
        }
    }

    // ---- sender callbacks ----

    long nowMillis() {
        return clock.getAsLong();
    }

    void sentBatch(int n, int bodyBytes, long maxT, long nanos) {
        sent.addAndGet(n);
        bytes.addAndGet(bodyBytes);
        sendNanos.addAndGet(nanos);
        highestSentMillis.accumulateAndGet(maxT, Math::max);
    }

    /** A send attempt got no 2xx (it may still be retried). */
    void sendError() {
        lastSendErrorNanos = System.nanoTime();
        sendErrorSeen = true;
    }

    void failed(int n) {
        failed.addAndGet(n);
    }

    void retried(int n) {
        retried.addAndGet(n);
        retryAttempts.incrementAndGet();
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    void droppedTooOld(int n) {
        droppedTooOld.addAndGet(n);
    }

    // ---- control thread: resharding and metadata ----

    private void control() {
        long now = System.nanoTime();
        long nextReshard = reshardIntervalNanos > 0 ? now + reshardIntervalNanos : Long.MAX_VALUE;
        boolean meta = metadataConfig.send() && metadataConfig.sendInterval() != null
                && !metadataConfig.sendInterval().isZero();
        long metaInterval = meta ? metadataConfig.sendInterval().toNanos() : 0;
        long nextMeta = meta ? now + metaInterval : Long.MAX_VALUE;
        while (!shuttingDown) {
            long wait = Math.min(nextReshard, nextMeta) - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Math.max(1, wait / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            now = System.nanoTime();
            try {
                if (now - nextReshard >= 0) {
                    nextReshard = now + reshardIntervalNanos;
                    reshardTick(now);
                }
                if (now - nextMeta >= 0) {
                    nextMeta = now + metaInterval;
                    sendMetadata();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a failing metadata source must not stop resharding; the next tick tries again
            }
        }
    }

    /** Measures the rates since the last tick and reshards when the wanted count differs. */
    void reshardTick(long nowNanos) throws InterruptedException {
        double dt = (nowNanos - lastTickNanos) / 1e9;
        if (dt <= 0) {
            return;
        }
        long acc = accepted.sum();
        long snt = sent.get();
        long sns = sendNanos.get();
        double rate = (acc - lastAccepted) / dt;
        // An exponentially weighted rate, as Prometheus smooths its samples-in rate.
        inRate = Double.isNaN(inRate) ? rate : 0.8 * inRate + 0.2 * rate;
        if (snt > lastSent) {
            secondsPerSample = (sns - lastSendNanos) / 1e9 / (snt - lastSent);
        }
        lastTickNanos = nowNanos;
        lastAccepted = acc;
        lastSent = snt;
        lastSendNanos = sns;
        int current = shards.length;
        int want = ShardCount.desired(secondsPerSample, inRate, pending(), current, minShards, maxShards);
        desiredShards = want;
        // Prometheus does not reshard while the endpoint is failing (it looks at the last successful
        // send; looking at the last failure instead also lets an idle queue shrink to min_shards).
        boolean healthy = !sendErrorSeen
                || nowNanos - lastSendErrorNanos > Math.max(reshardIntervalNanos, RECENT_ERROR_NANOS);
        if (want != current && healthy) {
            reshard(want);
        }
    }

    /**
     * Replaces the shards by {@code n} new ones: the new shards take samples at once but send only
     * after the old ones have sent what they held (up to the flush deadline), so no series
     * overtakes itself.
     */
    void reshard(int n) throws InterruptedException {
        RemoteWriteShard[] old = shards;
        RemoteWriteShard[] fresh = newShards(ShardCount.clamp(n, minShards, maxShards));
        shards = fresh;
        for (RemoteWriteShard s : old) {
            s.close();
        }
        long end = System.currentTimeMillis() + flushDeadlineMillis;
        try {
            for (RemoteWriteShard s : old) {
                if (!s.join(end - System.currentTimeMillis())) {
                    s.abandon();
                    s.join(1000);
                }
            }
        } finally {
            for (RemoteWriteShard s : fresh) {
                s.start();
            }
        }
    }

    /** Sends the metadata of every known metric family, in requests of max_samples_per_send entries. */
    void sendMetadata() throws InterruptedException {
        Collection<MetricMetadata> all = metadataSource.get();
        if (all == null || all.isEmpty()) {
            return;
        }
        Map<String, MetricMetadata> byFamily = new TreeMap<>();
        for (MetricMetadata m : all) {
            byFamily.putIfAbsent(m.metric(), m);
        }
        List<MetricMetadata> list = new ArrayList<>(byFamily.values());
        int per = Math.max(1, metadataConfig.maxSamplesPerSend());
        WriteRequestEncoder enc = new WriteRequestEncoder();
        for (int from = 0; from < list.size() && !shuttingDown; from += per) {
            int to = Math.min(list.size(), from + per);
            enc.reset();
            for (MetricMetadata m : list.subList(from, to)) {
                enc.addMetadata(m.metric(), m.type(), m.help(), m.unit());
            }
            byte[] body;
            try {
                body = enc.finishSnappy();
            } catch (IOException e) {
                metadataFailed.addAndGet(to - from);
                continue;
            }
            deliverMetadata(body, to - from);
        }
    }

    private void deliverMetadata(byte[] body, int n) throws InterruptedException {
        long backoff = minBackoffMillis;
        while (true) {
            int status;
            try {
                status = transport.send(body);
            } catch (IOException e) {
                status = -1;
            }
            if (status >= 200 && status < 300) {
                metadataSent.addAndGet(n);
                metadataBytes.addAndGet(body.length);
                return;
            }
            boolean retry = status < 0 || status >= 500 || (status == 429 && retryOn429);
            if (!retry || shuttingDown) {
                metadataFailed.addAndGet(n);
                return;
            }
            metadataRetried.addAndGet(n);
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, maxBackoffMillis);
        }
    }

    // ---- state, for the metrics ----

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public long samplesSent() {
        return sent.get();
    }

    /** Samples not sent on purpose or for lack of room: relabel drops, too old, full shard. */
    public long samplesDropped() {
        return droppedSeries.sum() + droppedTooOld.get() + droppedFull.sum();
    }

    public long samplesDroppedByRelabelling() {
        return droppedSeries.sum();
    }

    public long samplesDroppedTooOld() {
        return droppedTooOld.get();
    }

    public long samplesDroppedQueueFull() {
        return droppedFull.sum();
    }

    public long samplesFailed() {
        return failed.get();
    }

    /** Samples in batches that were retried, once per retry (Prometheus's samples_retried_total). */
    public long samplesRetried() {
        return retried.get();
    }

    /** Retried sends of sample batches. */
    public long retries() {
        return retryAttempts.get();
    }

    public long samplesIn() {
        return accepted.sum();
    }

    public long bytesSent() {
        return bytes.get();
    }

    /** The highest sample timestamp the endpoint accepted, in milliseconds; 0 before the first. */
    public long highestSentTimestampMillis() {
        long h = highestSentMillis.get();
        return h == Long.MIN_VALUE ? 0 : h;
    }

    public long metadataSent() {
        return metadataSent.get();
    }

    public long metadataFailed() {
        return metadataFailed.get();
    }

    public long metadataRetried() {
        return metadataRetried.get();
    }

    public long metadataBytes() {
        return metadataBytes.get();
    }

    public int shards() {
        return shards.length;
    }

    public int desiredShards() {
        return desiredShards;
    }

    public int minShards() {
        return minShards;
    }

    public int maxShards() {
        return maxShards;
    }

    public int shardCapacity() {
        return shardCapacity;
    }

    public int pending() {
        int n = 0;
        for (RemoteWriteShard s : shards) {
            n += s.pending();
        }
        return n;
    }

    /** Stops accepting samples, tries to send what is queued (no retries) and waits up to {@code wait}. */
    public void close(Duration wait) throws InterruptedException {
        long end = System.currentTimeMillis() + wait.toMillis();
        shuttingDown = true;
        controller.interrupt();
        controller.join(Math.max(1, wait.toMillis()));
        RemoteWriteShard[] cur = shards;
        for (RemoteWriteShard s : cur) {
            s.close();
        }
        for (RemoteWriteShard s : cur) {
            if (!s.join(end - System.currentTimeMillis())) {
                s.abandon();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(5));
    }
}
