package dev.pharos.tsdb.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.tsdb.encoding.Encbuf;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {

    @TempDir
    Path dir;

    static class Collect implements WalRecords.Handler {
        final List<String> events = new ArrayList<>();

        @Override
        public void series(long ref, Labels labels) {
            events.add("series " + ref + " " + labels);
        }

        @Override
        public void sample(long ref, long t, double v) {
            events.add("sample " + ref + " " + t + " " + Long.toHexString(Double.doubleToRawLongBits(v)));
        }

        @Override
        public void tombstone(long ref, long mint, long maxt) {
            events.add("tombstone " + ref + " " + mint + " " + maxt);
        }
    }

    private static void logBatch(Wal w, long ref, long t0, int n) {
        Encbuf e = new Encbuf();
        int r = Wal.beginRecord(e, WalRecordType.SAMPLES);
        long[] refs = new long[n];
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            refs[i] = ref;
            ts[i] = t0 + i;
            vs[i] = i == n - 1 ? StaleNaN.VALUE : i;
        }
        WalRecords.encodeSamples(e, refs, ts, vs, n);
        Wal.endRecord(e, r);
        w.log(e);
    }

    private void writeThreeRecords() throws IOException {
        try (Wal w = Wal.open(dir, 1 << 20, WalSyncMode.ALWAYS, 0)) {
            Encbuf e = new Encbuf();
            int r = Wal.beginRecord(e, WalRecordType.SERIES);
            WalRecords.encodeSeries(e, 1, Labels.of("__name__", "up", "job", "a"));
            Wal.endRecord(e, r);
            r = Wal.beginRecord(e, WalRecordType.TOMBSTONES);
            WalRecords.encodeTombstone(e, 1, -5, 5);
            Wal.endRecord(e, r);
            w.log(e);
            logBatch(w, 1, 100, 3);
            logBatch(w, 1, 200, 3);
        }
    }

    @Test
    void replaysEverythingInOrderBitExact() throws IOException {
        writeThreeRecords();
        Collect c = new Collect();
        WalReplayStatus st = Wal.replay(dir, c);
        assertEquals(List.of("series 1 up{job=\"a\"}", "tombstone 1 -5 5",
                "sample 1 100 0", "sample 1 101 3ff0000000000000", "sample 1 102 7ff0000000000002",
                "sample 1 200 0", "sample 1 201 3ff0000000000000", "sample 1 202 7ff0000000000002"), c.events);
        assertTrue(st.corruptions().isEmpty());
        assertEquals(6, st.samples());
    }

    @Test
    void tornTailIsCutAndReported() throws IOException {
        writeThreeRecords();
        Path seg = dir.resolve("00000000");
        long size = Files.size(seg);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5); // mid-record
        }
        Collect c = new Collect();
        WalReplayStatus st = Wal.replay(dir, c);
        assertEquals(5, c.events.size(), c.events.toString());
        assertEquals(1, st.corruptions().size());
        assertTrue(st.corruptions().get(0).reason().startsWith("torn record"), st.corruptions().toString());
        // Repaired: a second replay is clean and the writer can go on.
        Collect again = new Collect();
        assertTrue(Wal.replay(dir, again).corruptions().isEmpty());
        assertEquals(c.events, again.events);
        try (Wal w = Wal.open(dir, 1 << 20, WalSyncMode.BATCH, 1000)) {
            logBatch(w, 1, 300, 2);
        }
        Collect third = new Collect();
        Wal.replay(dir, third);
        assertEquals(7, third.events.size());
    }

    @Test
    void corruptCrcTailIsCutAndLaterSegmentsDropped() throws IOException {
        writeThreeRecords();
        Path seg = dir.resolve("00000000");
        long size = Files.size(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(size - 3);
            int b = f.read();
            f.seek(size - 3);
            f.write(b ^ 0x40);
        }
        Files.write(dir.resolve("00000001"), new byte[] {2, 0, 0, 0, 1, 0, 0, 0, 0, 0});
        Collect c = new Collect();
        WalReplayStatus st = Wal.replay(dir, c);
        assertEquals(5, c.events.size());
        assertTrue(st.corruptions().get(0).reason().startsWith("CRC32C mismatch"), st.corruptions().toString());
        assertEquals(2, st.corruptions().size());
        assertTrue(Files.notExists(dir.resolve("00000001")));
    }

    @Test
    void zeroFilledTailIsCut() throws IOException {
        writeThreeRecords();
        Files.write(dir.resolve("00000000"), new byte[64], StandardOpenOption.APPEND);
        Collect c = new Collect();
        WalReplayStatus st = Wal.replay(dir, c);
        assertEquals(8, c.events.size());
        assertEquals(1, st.corruptions().size());
    }

    @Test
    void checkpointKeepsLiveSeriesAndRecentSamples() throws IOException {
        try (Wal w = Wal.open(dir, 1 << 20, WalSyncMode.NONE, 0)) {
            Encbuf e = new Encbuf();
            int r = Wal.beginRecord(e, WalRecordType.SERIES);
            WalRecords.encodeSeries(e, 1, Labels.of("a", "1"));
            WalRecords.encodeSeries(e, 2, Labels.of("a", "2"));
            Wal.endRecord(e, r);
            w.log(e);
            logBatch(w, 1, 100, 3);
            logBatch(w, 2, 100, 3);
            assertTrue(w.checkpoint(ref -> ref == 1, 101) >= 0);
            logBatch(w, 1, 200, 1);
        }
        Collect c = new Collect();
        WalReplayStatus st = Wal.replay(dir, c);
        assertEquals(List.of("series 1 {a=\"1\"}", "sample 1 101 3ff0000000000000", "sample 1 102 7ff0000000000002",
                "sample 1 200 7ff0000000000002"), c.events);
        assertTrue(st.checkpoint() >= 0);
        assertTrue(Files.notExists(dir.resolve("00000000")));
    }

    @Test
    void progressShowsTheSegmentBeingReadWhileTheReplayRuns() throws Exception {
        try (Wal w = Wal.open(dir, 64, WalSyncMode.NONE, 0)) { // tiny segments: one batch each
            for (int i = 0; i < 4; i++) {
                logBatch(w, 1, 100 * i, 3);
            }
        }
        int segments = Wal.segments(dir).size();
        assertTrue(segments >= 4, "segments: " + segments);
        WalReplayProgress progress = new WalReplayProgress();
        assertEquals(WalReplayProgress.State.WAITING, progress.state());
        java.util.concurrent.CountDownLatch inThird = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
        WalRecords.Handler blocking = new Collect() {
            private int batches;

            @Override
            public void sample(long ref, long t, double v) {
                if (t == 200 && batches++ == 0) { // first sample of the third segment
                    inThird.countDown();
                    try {
                        resume.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        Thread replay = new Thread(() -> {
            try {
                Wal.replay(dir, blocking, progress);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        replay.start();
        assertTrue(inThird.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(WalReplayProgress.State.IN_PROGRESS, progress.state());
        assertEquals(0, progress.min());
        assertEquals(segments - 1, progress.max());
        assertEquals(2, progress.current());
        resume.countDown();
        replay.join(10_000);
        progress.done();
        assertEquals(WalReplayProgress.State.DONE, progress.state());
        assertEquals(segments - 1, progress.current());
    }
}
