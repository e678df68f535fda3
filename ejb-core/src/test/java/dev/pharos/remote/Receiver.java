package dev.pharos.remote;

import dev.pharos.model.Labels;
import dev.pharos.scrape.MetricMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.xerial.snappy.Snappy;

/** A remote-write endpoint for tests: decodes every body it accepts and keeps its contents. */
final class Receiver implements RemoteWriteQueue.Transport {

    record Sample(Labels labels, long t, double v) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<List<MetricMetadata>> metadataRequests = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    /** Status to answer for call number n (0-based); 204 by default. */
    private final IntUnaryOperator status;
    private final long delayMillis;

    Receiver() {
        this(n -> 204, 0);
    }

    Receiver(IntUnaryOperator status, long delayMillis) {
        this.status = status;
        this.delayMillis = delayMillis;
    }

    @Override
    public int send(byte[] snappyBody) throws java.io.IOException, InterruptedException {
        int n = calls.getAndIncrement();
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        int st = status.applyAsInt(n);
        if (st < 200 || st >= 300) {
            return st;
        }
        byte[] raw = Snappy.uncompress(snappyBody);
        List<Sample> got = new ArrayList<>();
        try {
            Labels[] cur = new Labels[1];
            new WriteRequestDecoder().decode(raw, 0, raw.length, new WriteRequestDecoder.Sink() {
                @Override
                public void series(Labels labels) {
                    cur[0] = labels;
                }

                @Override
                public void sample(long t, double v) {
                    got.add(new Sample(cur[0], t, v));
                }
            });
            List<MetricMetadata> md = MetadataDecoder.decode(raw, 0, raw.length);
            synchronized (this) {
                samples.addAll(got);
                if (!md.isEmpty()) {
                    metadataRequests.add(md);
                }
            }
        } catch (MalformedProtobufException e) {
            return 400;
        }
        return st;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized List<List<MetricMetadata>> metadataRequests() {
        return List.copyOf(metadataRequests);
    }

    /** Polls until {@code cond} holds or 5 s pass. */
    static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }
}
