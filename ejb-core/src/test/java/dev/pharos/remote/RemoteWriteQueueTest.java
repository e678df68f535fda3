package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.tsdb.MemoryStorage;
import dev.pharos.tsdb.Querier;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class RemoteWriteQueueTest {

    /** A receiver: the queue's bodies go through the real handler into a memory storage. */
    private static RemoteWriteQueue.Transport into(MemoryStorage st, AtomicInteger calls, int failFirst, int failStatus) {
        return body -> {
            if (calls.getAndIncrement() < failFirst) {
                return failStatus;
            }
            byte[] raw = Snappy.uncompress(body);
            try {
                RemoteWriteHandler.Result r = new RemoteWriteHandler(st).write(raw, 0, raw.length);
                return r.rejected() > 0 ? 400 : 204;
            } catch (MalformedProtobufException e) {
                return 400;
            }
        };
    }

    private static int stored(MemoryStorage st) {
        int[] n = {0};
        try (Querier q = st.querier(0, Long.MAX_VALUE)) {
            q.select(LabelMatcher.equal("__name__", "q")).forEach(s -> {
                var it = s.iterator();
                while (it.next()) {
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    @Test
    void batchesArriveInOrderAfterRetryingServerErrors() throws Exception {
        MemoryStorage st = new MemoryStorage();
        AtomicInteger calls = new AtomicInteger();
        try (RemoteWriteQueue q = new RemoteWriteQueue("t", into(st, calls, 2, 503), 1000, 100,
                Duration.ofMillis(50), Duration.ofMillis(1), Duration.ofMillis(10), false,
                Labels.of("env", "test", "s", "external-never-wins"))) {
            for (int i = 0; i < 450; i++) {
                assertTrue(q.offer(Labels.of("__name__", "q", "s", String.valueOf(i % 3)), 1000L * i, i));
            }
            long end = System.nanoTime() + 5_000_000_000L;
            while (q.samplesSent() < 450 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(450, q.samplesSent());
            assertEquals(2, q.retries());
        }
        assertEquals(450, stored(st));
        try (Querier qr = st.querier(0, Long.MAX_VALUE)) {
            assertEquals(Labels.of("__name__", "q", "env", "test", "s", "0"),
                    qr.select(LabelMatcher.equal("__name__", "q")).get(0).labels());
        }
    }

    @Test
    void clientErrorsDropTheBatchAndAFullQueueDropsNewSamples() throws Exception {
        MemoryStorage st = new MemoryStorage();
        AtomicInteger calls = new AtomicInteger();
        try (RemoteWriteQueue q = new RemoteWriteQueue("t", into(st, calls, 1, 400), 10, 10,
                Duration.ofMillis(20), Duration.ofMillis(1), Duration.ofMillis(10), false)) {
            for (int i = 0; i < 10; i++) {
                q.offer(Labels.of("__name__", "q"), i, i);
            }
            long end = System.nanoTime() + 5_000_000_000L;
            while (q.samplesFailed() < 10 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(10, q.samplesFailed());
            assertEquals(0, q.retries(), "4xx is not retried");
        }
        RemoteWriteQueue blocked = new RemoteWriteQueue("b", body -> {
            Thread.sleep(10_000);
            return 204;
        }, 10, 10, Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMillis(1), false);
        for (int i = 0; i < 10; i++) {
            assertTrue(blocked.offer(Labels.of("__name__", "q"), i, i));
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (blocked.pending() > 0 && System.nanoTime() < end) {
            Thread.sleep(5); // the sender takes the full batch and hangs in send
        }
        for (int i = 10; i < 20; i++) {
            assertTrue(blocked.offer(Labels.of("__name__", "q"), i, i));
        }
        assertFalse(blocked.offer(Labels.of("__name__", "q"), 21, 21));
        assertEquals(1, blocked.samplesDropped());
        blocked.close(Duration.ofMillis(100));
    }
}
