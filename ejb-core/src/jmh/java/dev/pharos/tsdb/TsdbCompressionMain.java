package dev.pharos.tsdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Compression bar: bytes per sample in the chunk files of a 2 h block of the node_exporter-like
 * workload (15 s interval: 480 samples per series). Also per kind, measured as separate blocks.
 * Run: {@code java -cp <test classpath> dev.pharos.tsdb.TsdbCompressionMain [series]}.
 */
public final class TsdbCompressionMain {

    /** Realistic epoch milliseconds (2023-11-14, aligned to 2 h): the first timestamp of a chunk costs ~6 bytes. */
    static final long EPOCH = 1_699_999_200_000L;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int compact = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        NodeExporterWorkload w = new NodeExporterWorkload(n, 1);
        Path dir = Files.createTempDirectory("tsdb-compression");
        long samples = 0;
        try (Tsdb db = Tsdb.open(dir, new TsdbOptions().walEnabled(false).compactChunkBytes(compact))) {
            // 2 h in block [0, 2h) plus 1 h more so that maintain() cuts the first block.
            for (long k = 0; k < 722; k++) {
                Appender a = db.appender();
                long t = EPOCH + w.timestamp(k);
                for (int i = 0; i < n; i++) {
                    w.refs[i] = a.append(w.refs[i], w.labels[i], t, w.next(i));
                }
                a.commit();
            }
            db.maintain(0);
            BlockMeta m = db.blocks().get(0);
            samples = m.numSamples();
            long chunkBytes = dirSize(dir.resolve(m.ulid()).resolve("chunks"));
            long indexBytes = Files.size(dir.resolve(m.ulid()).resolve("index"));
            System.out.printf("compactChunkBytes=%d series=%d samples=%d chunks=%d chunkFileBytes=%d bytes/sample=%.3f "
                            + "(index %d bytes = %.3f bytes/sample more)%n", compact, m.numSeries(), samples, m.numChunks(),
                    chunkBytes, chunkBytes / (double) samples, indexBytes, indexBytes / (double) samples);
            // Per kind: re-read the block and measure encoded bytes by kind.
            Map<NodeExporterWorkload.Kind, long[]> perKind = new EnumMap<>(NodeExporterWorkload.Kind.class);
            try (Querier q = db.querier(m.minTime(), m.maxTime() - 1)) {
                for (Series s : q.select(new dev.pharos.model.LabelMatcher(dev.pharos.model.MatchType.REGEX,
                        "__name__", ".+"))) {
                    ChunkSeries cs = (ChunkSeries) s;
                    String name = s.labels().metricName();
                    NodeExporterWorkload.Kind k = NodeExporterWorkload.Kind.valueOf(
                            name.substring(5, name.lastIndexOf('_')).toUpperCase());
                    long[] acc = perKind.computeIfAbsent(k, x -> new long[2]);
                    for (ChunkDesc c : cs.chunks) {
                        if (c.maxT < m.maxTime()) {
                            acc[0] += c.len;
                            acc[1] += ((c.buf.get(c.off) & 0xFF) << 8) | (c.buf.get(c.off + 1) & 0xFF);
                        }
                    }
                }
            }
            perKind.forEach((k, a) -> System.out.printf("  %-17s %.3f bytes/sample (chunk data only)%n", k,
                    a[0] / (double) a[1]));
        } finally {
            Tsdb.deleteTree(dir);
        }
    }

    static long dirSize(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
