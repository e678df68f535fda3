package dev.pharos.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import dev.pharos.model.StaleNaN;
import dev.pharos.tsdb.wal.WalSyncMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbTest {

    /** 10 s blocks, samples every 100 ms: a "2 h block" in miniature. */
    static final long RANGE = 10_000;

    @TempDir
    Path dir;

    static TsdbOptions opts() {
        return new TsdbOptions().blockRangeMillis(RANGE).retentionMillis(0).walSegmentSize(64 << 10)
                .headChunkFileSize(256 << 10).walSyncMode(WalSyncMode.BATCH).walSyncIntervalMillis(60_000);
    }

    static Labels series(int i) {
        return Labels.of("__name__", i % 2 == 0 ? "up" : "requests_total", "job", "job" + (i % 3), "instance", "i" + i);
    }

    /** Appends samples t in [from, to) step 100 to n series; value = t / 100 + i. */
    static void fill(Tsdb db, int n, long from, long to) throws AppendRejectedException {
        long[] refs = new long[n];
        for (long t = from; t < to; t += 100) {
            Appender a = db.appender();
            for (int i = 0; i < n; i++) {
                refs[i] = a.append(refs[i], series(i), t, t / 100.0 + i);
            }
            a.commit();
        }
    }

    /** Everything the db holds in [mint, maxt] as "labels -> t=v,..." for comparisons. */
    static Map<String, String> dump(Storage db, long mint, long maxt, LabelMatcher... ms) {
        if (ms.length == 0) {
            ms = new LabelMatcher[] {new LabelMatcher(MatchType.REGEX, "__name__", ".+")};
        }
        Map<String, String> out = new TreeMap<>();
        try (Querier q = db.querier(mint, maxt)) {
            for (Series s : q.select(ms)) {
                StringBuilder sb = new StringBuilder();
                SampleIterator it = s.iterator();
                int n = 0;
                long last = Long.MIN_VALUE;
                while (it.next()) {
                    assertTrue(it.timestamp() > last, "timestamps increase");
                    last = it.timestamp();
                    sb.append(it.timestamp()).append('=').append(Long.toHexString(Double.doubleToRawLongBits(it.value())))
                            .append(',');
                    n++;
                }
                out.put(s.labels().toString(), n + ":" + sb);
            }
        }
        return out;
    }

    @Test
    void appendAndSelectFromHeadMatchesMemoryStorage() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 20, 0, 5_000);
            fill(mem, 20, 0, 5_000);
            assertEquals(dump(mem, 0, 10_000), dump(db, 0, 10_000));
            assertEquals(dump(mem, 1_234, 3_456), dump(db, 1_234, 3_456));
            LabelMatcher[] ms = {LabelMatcher.equal("__name__", "up"), new LabelMatcher(MatchType.REGEX, "job", "job0|job2")};
            assertEquals(dump(mem, 0, 10_000, ms), dump(db, 0, 10_000, ms));
            try (Querier q = db.querier(0, 10_000)) {
                assertEquals(List.of("__name__", "instance", "job"), q.labelNames());
                assertEquals(List.of("job0", "job1", "job2"), q.labelValues("job"));
                assertEquals(List.of("job0", "job2"),
                        q.labelValues("job", new LabelMatcher(MatchType.REGEX, "instance", "i0|i2")));
                assertEquals(List.of("__name__", "instance", "job"), q.labelNames(LabelMatcher.equal("job", "job1")));
            }
        }
    }

    static void fill(MemoryStorage mem, int n, long from, long to) throws AppendRejectedException {
        for (long t = from; t < to; t += 100) {
            Appender a = mem.appender();
            for (int i = 0; i < n; i++) {
                a.append(0, series(i), t, t / 100.0 + i);
            }
            a.commit();
        }
    }

    @Test
    void compactChunksGrowForLowEntropySeriesOnly() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        try (Tsdb db = Tsdb.open(dir, opts().samplesPerChunk(10).compactChunkBytes(48))) {
            Appender a = db.appender();
            Appender b = mem.appender();
            for (long t = 0; t < 25_000; t += 100) {
                double noisy = Double.longBitsToDouble(0x4000000000000000L ^ (t * 0x9E3779B97F4A7C15L >>> 12));
                a.append(0, Labels.of("__name__", "constant"), t, 1.0);
                a.append(0, Labels.of("__name__", "noisy"), t, noisy);
                b.append(0, Labels.of("__name__", "constant"), t, 1.0);
                b.append(0, Labels.of("__name__", "noisy"), t, noisy);
            }
            a.commit();
            b.commit();
            db.maintain(0);
            BlockMeta m = db.blocks().get(0);
            // 100 samples per series in [0, 10000): noisy in chunks of 10, constant in chunks of 40.
            assertEquals(10 + 3, m.numChunks());
            assertEquals(dump(mem, 0, 30_000), dump(db, 0, 30_000));
        }
    }

    @Test
    void fullHeadChunksMoveToMemoryMappedFiles() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 2, 0, 5_000); // 50 samples per series in chunks of 120: all still open
            assertEquals(0, db.headChunkFileBytes(), "no full chunk yet, no file");
            fill(db, 2, 5_000, 9_900); // 99 samples
            fill(db, 2, 9_900, 13_000); // crossing the 10 s block boundary cuts the chunks
            assertTrue(db.headChunkFileBytes() > HeadChunkFiles.HEADER + 2 * HeadChunkFiles.ENTRY_OVERHEAD);
            assertEquals(4, db.headStats(1).chunkCount());
        }
    }

    @Test
    void aCorruptBlockIndexIsReportedWithExpectedAndActualChecksums() throws Exception {
        String ulid;
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 3, 0, 25_000);
            db.maintain(0);
            ulid = db.blocks().get(0).ulid();
        }
        Path index = dir.resolve(ulid).resolve("index");
        byte[] b = Files.readAllBytes(index);
        b[b.length - 30] ^= 0x01; // inside the series offset table, before the TOC
        Files.write(index, b);
        IOException e = assertThrows(IOException.class, () -> Tsdb.open(dir, opts()));
        assertTrue(e.getMessage().contains("checksum mismatch: expected"), e.getMessage());
    }

    @Test
    void aDataDirectoryIsOpenedOnlyOnce() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts())) {
            IOException e = assertThrows(IOException.class, () -> Tsdb.open(dir, opts()));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        Tsdb.open(dir, opts()).close();
    }

    @Test
    void seekSkipsChunksAndNeverGoesBack() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 1, 0, 30_000);
            db.maintain(30_000);
            try (Querier q = db.querier(0, 30_000)) {
                SampleIterator it = q.select(LabelMatcher.equal("instance", "i0")).get(0).iterator();
                assertTrue(it.seek(15_050));
                assertEquals(15_100, it.timestamp());
                assertTrue(it.seek(100));
                assertEquals(15_100, it.timestamp());
                assertTrue(it.next());
                assertEquals(15_200, it.timestamp());
                assertTrue(it.seek(29_900));
                assertFalse(it.next());
                assertFalse(it.seek(40_000));
            }
        }
    }

    @Test
    void outOfOrderAndDuplicatesAreRejectedAndCounted() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts())) {
            Labels l = series(0);
            Appender a = db.appender();
            long ref = a.append(0, l, 1000, 1);
            a.commit();
            Appender b = db.appender();
            AppendRejectedException e = assertThrows(AppendRejectedException.class, () -> b.append(ref, l, 999, 2));
            assertEquals(AppendRejectedException.Reason.OUT_OF_ORDER, e.reason());
            e = assertThrows(AppendRejectedException.class, () -> b.append(ref, l, 1000, 2));
            assertEquals(AppendRejectedException.Reason.DUPLICATE, e.reason());
            b.append(ref, l, 1000, 1); // identical duplicate: silently ignored
            b.append(ref, l, 1001, 3);
            b.commit();
            assertEquals(1, db.stats().rejectedOutOfOrder.sum());
            assertEquals(1, db.stats().rejectedDuplicate.sum());
            assertEquals(2, db.stats().samplesAppended.sum());
            assertEquals("2:1000=3ff0000000000000,1001=4008000000000000,", dump(db, 0, 5000).values().iterator().next());
        }
    }

    @Test
    void outOfOrderWindowAcceptsOlderSamples() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts().outOfOrderWindowMillis(1000))) {
            Labels l = series(0);
            Appender a = db.appender();
            a.append(0, l, 5000, 5);
            a.append(0, l, 5100, 6);
            a.commit();
            a = db.appender();
            a.append(0, l, 4500, 4);
            a.commit();
            Appender b = db.appender();
            assertEquals(AppendRejectedException.Reason.TOO_OLD,
                    assertThrows(AppendRejectedException.class, () -> b.append(0, l, 3000, 1)).reason());
            assertEquals("3:4500=4010000000000000,5000=4014000000000000,5100=4018000000000000,",
                    dump(db, 0, 10_000).values().iterator().next());
            assertEquals(1, db.stats().outOfOrderAccepted.sum());
        }
        try (Tsdb db = Tsdb.open(dir, opts().outOfOrderWindowMillis(1000))) {
            assertEquals("3:4500=4010000000000000,5000=4014000000000000,5100=4018000000000000,",
                    dump(db, 0, 10_000).values().iterator().next(), "OOO samples replay from the WAL");
        }
    }

    @Test
    void outOfOrderSamplesAreCutIntoTheirBlock() throws Exception {
        Labels l = series(0);
        try (Tsdb db = Tsdb.open(dir, opts().outOfOrderWindowMillis(6_000))) {
            Appender a = db.appender();
            for (long t = 0; t <= 15_000; t += 100) {
                a.append(0, l, t, 1);
            }
            a.commit();
            a = db.appender();
            a.append(0, l, 9_950, 2); // out of order, inside the window, inside the range cut next
            a.append(0, l, 15_100, 1);
            a.commit();
            db.maintain(0);
            BlockMeta m = db.blocks().get(0);
            assertEquals(101, m.numSamples()); // 0..9900 step 100, plus 9950
            try (Querier q = db.querier(9_900, 10_000)) {
                SampleIterator it = q.select(LabelMatcher.equal("instance", "i0")).get(0).iterator();
                assertTrue(it.next());
                assertEquals(9_900, it.timestamp());
                assertTrue(it.next());
                assertEquals(9_950, it.timestamp());
                assertEquals(2.0, it.value());
                assertTrue(it.next());
                assertEquals(10_000, it.timestamp());
                assertFalse(it.next());
            }
        }
    }

    @Test
    void staleMarkersSurviveHeadWalAndBlocksBitExact() throws Exception {
        Labels l = series(0);
        try (Tsdb db = Tsdb.open(dir, opts())) {
            Appender a = db.appender();
            for (long t = 0; t < 30_000; t += 1000) {
                a.append(0, l, t, t % 7000 == 0 ? StaleNaN.VALUE : 1.0);
            }
            a.commit();
            db.maintain(30_000);
            assertFalse(db.blocks().isEmpty());
        }
        try (Tsdb db = Tsdb.open(dir, opts()); Querier q = db.querier(0, 30_000)) {
            SampleIterator it = q.select(LabelMatcher.equal("instance", "i0")).get(0).iterator();
            int n = 0;
            while (it.next()) {
                assertEquals(it.timestamp() % 7000 == 0, StaleNaN.is(it.value()), "t=" + it.timestamp());
                n++;
            }
            assertEquals(30, n);
        }
    }

    @Test
    void headIsCutIntoBlocksAndQueriesSpanBoth() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        fill(mem, 10, 0, 35_000);
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 10, 0, 35_000);
            db.maintain(35_000);
            List<BlockMeta> bs = db.blocks();
            assertTrue(bs.size() >= 2, bs.toString());
            assertEquals(0, bs.get(0).minTime());
            assertEquals(RANGE, bs.get(0).maxTime());
            assertEquals(10, bs.get(0).numSeries());
            assertEquals(1000, bs.get(0).numSamples());
            assertEquals(dump(mem, 0, 40_000), dump(db, 0, 40_000));
            assertEquals(dump(mem, 9_950, 20_050), dump(db, 9_950, 20_050));
            // Samples older than the cut are now out of bounds.
            Appender a = db.appender();
            assertEquals(AppendRejectedException.Reason.OUT_OF_BOUNDS,
                    assertThrows(AppendRejectedException.class, () -> a.append(0, series(0), 500, 1)).reason());
        }
        try (Tsdb db = Tsdb.open(dir, opts())) {
            assertEquals(dump(mem, 0, 40_000), dump(db, 0, 40_000), "after restart");
            assertTrue(db.walReplayStatus().corruptions().isEmpty());
        }
    }

    @Test
    void restartKeepsAllDataAndIdsStayUsable() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        fill(mem, 5, 0, 3_000);
        fill(mem, 7, 3_000, 4_000);
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 5, 0, 3_000);
        }
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 7, 3_000, 4_000);
        }
        try (Tsdb db = Tsdb.open(dir, opts())) {
            assertEquals(dump(mem, 0, 10_000), dump(db, 0, 10_000));
            assertEquals(7, db.headStats(10).numSeries());
        }
    }

    @Test
    void compressedWalReplaysAndIsSmaller() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        fill(mem, 50, 0, 5_000);
        long plain;
        try (Tsdb db = Tsdb.open(dir.resolve("plain"), opts())) {
            fill(db, 50, 0, 5_000);
            plain = db.sizeOnDisk() - db.headChunkFileBytes();
        }
        try (Tsdb db = Tsdb.open(dir.resolve("snappy"), opts().walCompression(true))) {
            fill(db, 50, 0, 5_000);
            long compressed = db.sizeOnDisk() - db.headChunkFileBytes();
            assertTrue(compressed < plain * 0.8, compressed + " vs " + plain);
        }
        try (Tsdb db = Tsdb.open(dir.resolve("snappy"), opts())) {
            assertEquals(dump(mem, 0, 10_000), dump(db, 0, 10_000));
        }
    }

    @Test
    void crashWithoutCloseKeepsEverythingSynced() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        fill(mem, 5, 0, 25_000);
        Path copy = dir.resolveSibling(dir.getFileName() + "-crash");
        Tsdb db = Tsdb.open(dir, opts().walSyncMode(WalSyncMode.NONE));
        try {
            fill(db, 5, 0, 25_000);
            db.maintain(25_000);
            db.sync();
            copyTree(dir, copy); // like kill -9: nothing closed, files as they are
        } finally {
            db.close();
        }
        try (Tsdb again = Tsdb.open(copy, opts())) {
            assertEquals(dump(mem, 0, 30_000), dump(again, 0, 30_000));
        } finally {
            Tsdb.deleteTree(copy);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void tornWalTailAfterCrashLosesOnlyTheLastBatch() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 3, 0, 1_000);
        }
        Path wal = dir.resolve("wal");
        Path last;
        try (var s = Files.list(wal)) {
            last = s.filter(p -> p.getFileName().toString().matches("\\d{8}")).filter(p -> p.toFile().length() > 0)
                    .sorted().reduce((a, b) -> b).orElseThrow();
        }
        try (var ch = java.nio.channels.FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 10);
        }
        try (Tsdb db = Tsdb.open(dir, opts())) {
            assertEquals(1, db.walReplayStatus().corruptions().size());
            Map<String, String> d = dump(db, 0, 10_000);
            assertEquals(3, d.size());
            for (String v : d.values()) {
                assertTrue(v.startsWith("9:"), v); // the 10th batch was torn
            }
        }
    }

    @Test
    void compactionMergesBlocksAndOverlaps() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        fill(mem, 4, 0, 75_000);
        try (Tsdb db = Tsdb.open(dir, opts().maxBlockDurationMillis(3 * RANGE))) {
            fill(db, 4, 0, 75_000);
            db.maintain(75_000);
            List<BlockMeta> bs = db.blocks();
            // [0,30000) and [30000,60000) compacted from three 10 s blocks each.
            assertEquals(0, bs.get(0).minTime());
            assertEquals(3 * RANGE, bs.get(0).maxTime());
            assertEquals(2, bs.get(0).level());
            assertEquals(3, bs.get(0).sources().size());
            assertEquals(dump(mem, 0, 80_000), dump(db, 0, 80_000));
            // Backfill overlapping data: the querier merges, compaction folds it into one block.
            List<BackfillSeries> extra = new ArrayList<>();
            extra.add(new BackfillSeries(series(0), new long[] {50, 150}, new double[] {-1, -2}));
            db.backfill(extra);
            Map<String, String> merged = dump(db, 0, 200, LabelMatcher.equal("instance", "i0"));
            assertEquals("5:0=0,50=bff0000000000000,100=3ff0000000000000,150=c000000000000000,200=4000000000000000,", merged.values().iterator().next());
            db.maintain(75_000);
            assertEquals(merged, dump(db, 0, 200, LabelMatcher.equal("instance", "i0")));
            long overlapping = db.blocks().stream().filter(b -> b.minTime() < 3 * RANGE).count();
            assertEquals(1, overlapping, db.blocks().toString());
        }
    }

    @Test
    void retentionByTimeAndSizeDropsOldestBlocks() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts().retentionMillis(25_000).maxBlockDurationMillis(RANGE))) {
            fill(db, 2, 0, 65_000);
            db.maintain(65_000);
            List<BlockMeta> bs = db.blocks();
            assertTrue(bs.get(0).minTime() >= 30_000, bs.toString());
            assertTrue(db.stats().blocksDeletedByTimeRetention.sum() > 0);
            assertTrue(dump(db, 0, 20_000).isEmpty());
        }
        Tsdb.deleteTree(dir);
        try (Tsdb db = Tsdb.open(dir, opts().maxBlockDurationMillis(RANGE))) {
            fill(db, 2, 0, 65_000);
            db.maintain(65_000);
            int before = db.blocks().size();
            long size = db.sizeOnDisk();
            db.close();
            try (Tsdb big = Tsdb.open(dir, opts().maxBlockDurationMillis(RANGE).retentionBytes(size * 2))) {
                big.maintain(65_000);
                assertEquals(before, big.blocks().size());
            }
            try (Tsdb small = Tsdb.open(dir, opts().maxBlockDurationMillis(RANGE).retentionBytes(1))) {
                small.maintain(65_000);
                assertTrue(small.blocks().isEmpty());
                assertEquals(before, small.stats().blocksDeletedBySizeRetention.sum());
            }
        }
    }

    @Test
    void deleteSeriesHidesDataEverywhereAndCleanTombstonesRewrites() throws Exception {
        LabelMatcher sel = LabelMatcher.equal("instance", "i1");
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 3, 0, 25_000);
            db.maintain(25_000);
            db.deleteSeries(5_000, 22_000, sel);
            String v = dump(db, 0, 30_000, sel).values().iterator().next();
            assertTrue(v.startsWith("79:"), v); // 0..4900 and 22100..24900
            assertEquals(3, dump(db, 0, 30_000).size());
        }
        try (Tsdb db = Tsdb.open(dir, opts())) {
            assertTrue(dump(db, 0, 30_000, sel).values().iterator().next().startsWith("79:"), "after restart");
            long samplesBefore = db.blocks().stream().mapToLong(BlockMeta::numSamples).sum();
            db.cleanTombstones();
            long samplesAfter = db.blocks().stream().mapToLong(BlockMeta::numSamples).sum();
            assertEquals(samplesBefore - 50, samplesAfter); // 5000..9900 of the block [0, 10000)
            assertTrue(dump(db, 0, 30_000, sel).values().iterator().next().startsWith("79:"));
        }
    }

    @Test
    void snapshotHoldsBlocksAndHead() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        fill(mem, 3, 0, 25_000);
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 3, 0, 25_000);
            db.maintain(25_000);
            assertThrows(IllegalArgumentException.class, () -> db.snapshot("../x", true));
            Path snap = db.snapshot("s1", true);
            Path copy = dir.resolveSibling(dir.getFileName() + "-snap");
            copyTree(snap, copy);
            try (Tsdb s = Tsdb.open(copy, opts())) {
                assertEquals(dump(mem, 0, 30_000), dump(s, 0, 30_000));
            } finally {
                Tsdb.deleteTree(copy);
            }
        }
    }

    @Test
    void backfillIsAllOrNothing() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts())) {
            List<BackfillSeries> bad = List.of(
                    new BackfillSeries(series(0), new long[] {1000, 20_000}, new double[] {1, 2}),
                    new BackfillSeries(series(1), new long[] {5, 5}, new double[] {1, 2}));
            assertThrows(IllegalArgumentException.class, () -> db.backfill(bad));
            assertTrue(db.blocks().isEmpty());
            List<BackfillSeries> good = List.of(
                    new BackfillSeries(series(0), new long[] {20_000, 1000}, new double[] {2, 1}),
                    new BackfillSeries(series(1), new long[] {5}, new double[] {StaleNaN.VALUE}));
            assertEquals(2, db.backfill(good).size());
            Map<String, String> d = dump(db, 0, 30_000);
            assertEquals(2, d.size());
            assertTrue(d.containsValue("2:1000=3ff0000000000000,20000=4000000000000000,"), d.toString());
            assertTrue(d.containsValue("1:5=7ff0000000000002,"), d.toString());
        }
    }

    @Test
    void headStatsReportCardinality() throws Exception {
        try (Tsdb db = Tsdb.open(dir, opts())) {
            fill(db, 6, 0, 1_000);
            HeadStats s = db.headStats(10);
            assertEquals(6, s.numSeries());
            assertEquals(0, s.minTime());
            assertEquals(900, s.maxTime());
            assertEquals(6, s.chunkCount());
            assertEquals(List.of(new HeadStats.Entry("requests_total", 3), new HeadStats.Entry("up", 3)),
                    s.seriesCountByMetricName());
            assertEquals(new HeadStats.Entry("instance", 6), s.labelValueCountByLabelName().get(0));
            assertEquals(new HeadStats.Entry("__name__=requests_total", 3), s.seriesCountByLabelValuePair().get(0));
        }
    }
}
