package dev.pharos.tsdb;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory bar: heap and off-heap bytes per active head series at steady state. Appends the
 * node_exporter-like workload to N series (default 200,000) for 3 h of 15 s scrapes with the
 * WAL on, calling maintain() as the service would, so the head holds between 1 and 3 h as in
 * production; measures at the fullest point, just before a cut. Heap: used after full GC minus
 * the baseline before opening (the workload's own arrays excluded). Off-heap: bytes of the
 * memory-mapped head chunk files in use (page cache the OS can reclaim).
 * Run: {@code java -Xmx8g -cp <test classpath> dev.pharos.tsdb.TsdbMemoryMain [series]}.
 */
public final class TsdbMemoryMain {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int compact = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        NodeExporterWorkload w = new NodeExporterWorkload(n, 5);
        long base = usedAfterGc();
        Path dir = Files.createTempDirectory("tsdb-memory");
        long t0 = System.nanoTime();
        long samples = 0;
        try (Tsdb db = Tsdb.open(dir, new TsdbOptions().compactChunkBytes(compact))) {
            // 2 h of data + just under 1 h more: the head's fullest state before the 3 h cut.
            int scrapes = 719;
            for (long k = 0; k < scrapes; k++) {
                Appender a = db.appender();
                long t = k * NodeExporterWorkload.INTERVAL;
                for (int i = 0; i < n; i++) {
                    w.refs[i] = a.append(w.refs[i], w.labels[i], t, w.next(i));
                    if ((i & 1023) == 1023) {
                        a.commit(); // scrape-sized batches of ~1000 samples, like one target
                        a = db.appender();
                    }
                }
                a.commit();
                samples += n;
                if (k % 40 == 0) {
                    db.maintain(t);
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long heap = usedAfterGc() - base;
            HeadStats hs = db.headStats(1);
            long mapped = db.sizeOnDisk();
            long headChunkBytes = db.headChunkFileBytes();
            System.out.printf("compactChunkBytes=%d series=%d samples=%d in %.1f s (%.2f M samples/s incl. GC and maintain)%n", compact, n, samples,
                    secs, samples / secs / 1e6);
            System.out.printf("head: %d series, %d chunks, time %d..%d%n", hs.numSeries(), hs.chunkCount(),
                    hs.minTime(), hs.maxTime());
            System.out.printf("heap used by the TSDB: %d bytes = %.0f bytes/series%n", heap, heap / (double) n);
            System.out.printf("head chunk files (mmapped, off-heap): %d bytes = %.0f bytes/series%n", headChunkBytes,
                    headChunkBytes / (double) n);
            System.out.printf("total heap+off-heap: %.0f bytes/series (WAL+chunks on disk %d MiB)%n",
                    (heap + headChunkBytes) / (double) n, mapped >> 20);
        } finally {
            Tsdb.deleteTree(dir);
        }
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    static long dirSize(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    // Sparse files: count allocated blocks' worth is not portable; use the used length.
                    return Files.size(f);
                } catch (Exception e) {
                    return 0;
                }
            }).sum();
        }
    }
}
