package dev.pharos.service;

import dev.pharos.model.Labels;
import dev.pharos.persistence.PushGroupBatch;
import dev.pharos.persistence.PushGroupEntity;
import dev.pharos.pushgateway.GroupCodec;
import dev.pharos.pushgateway.MetricGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Pushgateway's group commit: changed groups are queued (the latest state of a group
 * replaces an earlier one still waiting) and written many per transaction. There is no writer
 * thread: a caller waiting for its change becomes the writer when nobody else is writing and
 * stores everything queued in one transaction (so the transaction runs on a request thread, as
 * before), then wakes the others. While a batch is written, new changes queue up for the next
 * one, so the number of transactions stays bounded however many pushes arrive.
 */
final class PushGroupWriter {

    private static final Logger LOG = Logger.getLogger(PushGroupWriter.class.getName());

    /**
     * A group's latest state to store (null = delete), its stored form if the pusher already
     * encoded it ({@link #prepare}), and everyone waiting for it.
     */
    private static final class Pending {
        MetricGroup group;
        byte[] encoded;
        final List<CompletableFuture<Void>> waiters = new ArrayList<>(2);
    }

    private final Consumer<PushGroupBatch> store;
    private final Consumer<List<Labels>> onFailure;
    /**
     * How long the thread about to write a batch waits for pushes that are already being
     * checked ({@link #arrive}d, not yet {@link #depart}ed): every transaction has a fixed cost
     * (EJB call, connection, commit) larger than a group's own, so a batch that waits a
     * moment for its siblings stores more pushes per commit. Bounded so latency stays low.
     */
    static final long GATHER_NANOS = 2_000_000;
    static final int MAX_GATHER = 256;

    private LinkedHashMap<Labels, Pending> queue = new LinkedHashMap<>();
    private boolean writing;
    private int arriving;
    private boolean gathering;

    /**
     * @param store writes a batch in one transaction (throws on failure)
     * @param onFailure called with the keys of a failed batch, so the caller can reload those
     *        no later change is {@link #queued} for from the database
     */
    PushGroupWriter(Consumer<PushGroupBatch> store, Consumer<List<Labels>> onFailure) {
        this.store = store;
        this.onFailure = onFailure;
    }

    /** Queues the group's new state (null = delete); the future completes once it is stored. */
    synchronized CompletableFuture<Void> submit(Labels key, MetricGroup group) {
        Pending p = queue.computeIfAbsent(key, k -> new Pending());
        p.group = group;
        p.encoded = null;
        CompletableFuture<Void> f = new CompletableFuture<>();
        p.waiters.add(f);
        return f;
    }

    /**
     * Encodes {@code group} for storage on the calling thread, outside every lock, and
     * attaches the bytes if that state is still the one queued for {@code key}: the pushing
     * threads encode in parallel, so the one writing a batch (which is serial) only stores.
     */
    void prepare(Labels key, MetricGroup group) {
        if (group == null) {
            return;
        }
        byte[] b;
        try {
            b = GroupCodec.encodeFamilies(group);
        } catch (RuntimeException e) {
            return; // the batch encodes it again and fails the push properly
        }
        synchronized (this) {
            Pending p = queue.get(key);
            if (p != null && p.group == group) {
                p.encoded = b;
            }
        }
    }

    /** A push started its check: a batch about to be written may wait a moment for it. */
    synchronized void arrive() {
        arriving++;
    }

    /** The push {@link #arrive}d before has queued (and encoded) its change, or was refused. */
    synchronized void depart() {
        arriving--;
        if (gathering && (arriving <= 0 || queue.size() >= MAX_GATHER)) {
            notifyAll();
        }
    }

    /** True if a change to {@code key} is queued and not yet taken by a batch. */
    synchronized boolean queued(Labels key) {
        return queue.containsKey(key);
    }

    /**
     * Returns once {@code done} is complete (or {@code deadlineNanos} passed), writing batches
     * itself whenever nobody else is.
     */
    void await(CompletableFuture<?> done, long deadlineNanos) throws InterruptedException {
        while (!done.isDone()) {
            Map<Labels, Pending> batch = null;
            synchronized (this) {
                if (!writing && !queue.isEmpty()) {
                    writing = true;
                    long until = System.nanoTime() + GATHER_NANOS;
                    try {
                        while (arriving > 0 && queue.size() < MAX_GATHER) {
                            long left = until - System.nanoTime();
                            if (left <= 0) {
                                break;
                            }
                            gathering = true;
                            wait(left / 1_000_000, (int) (left % 1_000_000));
                        }
                    } catch (InterruptedException e) {
                        writing = false;
                        notifyAll();
                        throw e;
                    } finally {
                        gathering = false;
                    }
                    batch = queue;
                    queue = new LinkedHashMap<>();
                } else {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    // Woken when a batch ends; the bound is only a safety net.
                    wait(Math.max(1, Math.min(50, left / 1_000_000)));
                    continue;
                }
            }
            try {
                write(batch);
            } finally {
                synchronized (this) {
                    writing = false;
                    notifyAll();
                }
            }
        }
    }

    private void write(Map<Labels, Pending> batch) {
        Throwable failure = null;
        try {
            List<PushGroupEntity> saves = new ArrayList<>(batch.size());
            List<String> deletes = new ArrayList<>();
            for (Map.Entry<Labels, Pending> e : batch.entrySet()) {
                Labels key = e.getKey();
                Pending p = e.getValue();
                MetricGroup g = p.group;
                String id = GroupCodec.id(key);
                if (g == null) {
                    deletes.add(id);
                } else {
                    PushGroupEntity en = new PushGroupEntity(id, GroupCodec.keyText(key));
                    en.update(p.encoded != null ? p.encoded : GroupCodec.encodeFamilies(g), g.pushTimeMs(), g.failureTimeMs(), g.expiryMs());
                    saves.add(en);
                }
            }
            store.accept(new PushGroupBatch(saves, deletes));
        } catch (Throwable t) {
            failure = t;
        }
        if (failure == null) {
            for (Pending p : batch.values()) {
                p.waiters.forEach(f -> f.complete(null));
            }
            return;
        }
        LOG.log(Level.WARNING, "storing " + batch.size() + " push groups failed", failure);
        try {
            onFailure.accept(new ArrayList<>(batch.keySet()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "reloading push groups after a failed batch failed", e);
        }
        for (Pending p : batch.values()) {
            for (CompletableFuture<Void> f : p.waiters) {
                f.completeExceptionally(failure);
            }
        }
    }
}
