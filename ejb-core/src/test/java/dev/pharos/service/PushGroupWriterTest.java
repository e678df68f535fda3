package dev.pharos.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.persistence.PushGroupBatch;
import dev.pharos.pushgateway.GroupCodec;
import dev.pharos.pushgateway.MetricGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PushGroupWriterTest {

    private static final Labels A = Labels.of("job", "a");
    private static final Labels B = Labels.of("job", "b");

    private static MetricGroup group(Labels key, long t) {
        return new MetricGroup(key, new TreeMap<>(), t, 0, 0);
    }

    private static long deadline() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    }

    @Test
    void coalescesRepeatedChangesOfAGroupIntoOneBatchWithItsLatestState() throws Exception {
        List<PushGroupBatch> batches = new ArrayList<>();
        PushGroupWriter w = new PushGroupWriter(batches::add, keys -> { });
        CompletableFuture<Void> f1 = w.submit(A, group(A, 1));
        CompletableFuture<Void> f2 = w.submit(A, group(A, 2));
        CompletableFuture<Void> f3 = w.submit(B, null);
        assertFalse(f1.isDone());
        w.await(CompletableFuture.allOf(f1, f2, f3), deadline());
        assertTrue(f1.isDone() && f2.isDone() && f3.isDone());
        assertEquals(1, batches.size());
        assertEquals(1, batches.get(0).saves().size());
        assertEquals(2, batches.get(0).saves().get(0).pushTimeMs());
        assertEquals(List.of(GroupCodec.id(B)), batches.get(0).deletes());
        assertFalse(w.queued(A));
    }

    @Test
    void aFailedBatchFailsItsChangesAndReportsItsKeys() throws Exception {
        List<List<Labels>> reloaded = new ArrayList<>();
        PushGroupWriter w = new PushGroupWriter(b -> {
            throw new IllegalStateException("disk full");
        }, reloaded::add);
        CompletableFuture<Void> f = w.submit(A, group(A, 1));
        w.await(f, deadline());
        assertTrue(f.isCompletedExceptionally());
        assertEquals(List.of(List.of(A)), reloaded);
    }

    @Test
    void concurrentWaitersShareBatchesAndAllComplete() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        PushGroupWriter w = new PushGroupWriter(b -> {
            sizes.add(b.saves().size());
            try {
                Thread.sleep(5); // a transaction's cost, so that changes pile up meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, keys -> { });
        int threads = 8;
        int each = 20;
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Labels key = Labels.of("job", "t" + t);
            new Thread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        CompletableFuture<Void> f = w.submit(key, group(key, i));
                        w.await(f, deadline());
                        f.get(0, TimeUnit.SECONDS);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(List.of(), errors);
        assertEquals(threads * each, sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(sizes.size() < threads * each, "changes should share transactions: " + sizes.size());
    }

    @Test
    void bytesEncodedByThePusherAreStoredOnlyIfTheyAreOfTheLatestState() throws Exception {
        List<PushGroupBatch> batches = new ArrayList<>();
        PushGroupWriter w = new PushGroupWriter(batches::add, keys -> { });
        MetricGroup g1 = group(A, 1);
        MetricGroup g2 = group(A, 2);
        CompletableFuture<Void> f1 = w.submit(A, g1);
        w.prepare(A, g1);
        CompletableFuture<Void> f2 = w.submit(A, g2);
        w.prepare(A, g1); // late: g2 replaced it meanwhile, so these bytes must not be used
        w.await(CompletableFuture.allOf(f1, f2), deadline());
        assertEquals(2, batches.get(0).saves().get(0).pushTimeMs());
        org.junit.jupiter.api.Assertions.assertArrayEquals(GroupCodec.encodeFamilies(g2),
                batches.get(0).saves().get(0).families());

        MetricGroup g3 = new MetricGroup(B, new TreeMap<>(java.util.Map.of("x", new dev.pharos.exposition.MetricFamilyData(
                "x", null, dev.pharos.model.MetricType.GAUGE, List.of(dev.pharos.exposition.MetricData.simple(B, 1))))),
                3, 0, 0);
        CompletableFuture<Void> f3 = w.submit(B, g3);
        w.prepare(B, g3);
        w.await(f3, deadline());
        org.junit.jupiter.api.Assertions.assertArrayEquals(GroupCodec.encodeFamilies(g3),
                batches.get(1).saves().get(0).families());
    }

    @Test
    void aBatchWaitsBrieflyForPushesStillBeingChecked() throws Exception {
        List<PushGroupBatch> batches = Collections.synchronizedList(new ArrayList<>());
        PushGroupWriter w = new PushGroupWriter(batches::add, keys -> { });
        w.arrive(); // B's push is being checked
        CompletableFuture<Void> fa = w.submit(A, group(A, 1));
        CountDownLatch started = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            started.countDown();
            try {
                w.await(fa, deadline());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        started.await();
        CompletableFuture<Void> fb = w.submit(B, group(B, 1));
        w.depart();
        writer.join(5000);
        w.await(fb, deadline());
        assertTrue(fa.isDone() && fb.isDone());
        // Usually one batch with both; on a starved machine the window may close first.
        assertEquals(2, batches.stream().mapToInt(b -> b.saves().size()).sum());
        assertTrue(batches.size() <= 2);
    }

    @Test
    void aPushThatNeverDepartsDelaysABatchOnlyByTheWindow() throws Exception {
        List<PushGroupBatch> batches = new ArrayList<>();
        PushGroupWriter w = new PushGroupWriter(batches::add, keys -> { });
        w.arrive();
        CompletableFuture<Void> fa = w.submit(A, group(A, 1));
        long t0 = System.nanoTime();
        w.await(fa, deadline());
        assertTrue(fa.isDone());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1));
        assertEquals(1, batches.size());
    }
}
