package dev.pharos.tsdb;

import dev.pharos.tsdb.wal.WalSyncMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput into the head with the WAL on (batch fsync every second): one operation is
 * one sample; an invocation is one scrape of 10,000 series committed as one batch, with series
 * refs cached as a scrape loop does. Single thread, so ops/s = samples/s per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class TsdbAppendBench {

    static final int SERIES = 10_000;

    @Param({"true"})
    boolean wal;

    @Param({"false"})
    boolean walCompression;

    Path dir;
    Tsdb db;
    NodeExporterWorkload w;
    double[][] values;
    long k;

    @Setup(Level.Iteration)
    public void setup() throws Exception {
        dir = Files.createTempDirectory("tsdb-append");
        db = Tsdb.open(dir, new TsdbOptions().walEnabled(wal).walSyncMode(WalSyncMode.BATCH)
                .walSyncIntervalMillis(1000).walCompression(walCompression));
        w = new NodeExporterWorkload(SERIES, 7);
        // Values precomputed so that the benchmark measures the TSDB, not the generator.
        values = new double[64][SERIES];
        for (double[] row : values) {
            for (int i = 0; i < SERIES; i++) {
                row[i] = w.next(i);
            }
        }
        k = 0;
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
        System.out.printf("%n  [%d scrapes, WAL %d MiB, head chunk files %d]%n", k,
                db.sizeOnDisk() >> 20, db.headStats(1).chunkCount());
        db.close();
        Tsdb.deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void scrape() throws Exception {
        Appender a = db.appender();
        long t = k * NodeExporterWorkload.INTERVAL;
        double[] row = values[(int) (k & 63)];
        // Keep values monotone-ish per series: add k so repeated rows still differ over time.
        for (int i = 0; i < SERIES; i++) {
            w.refs[i] = a.append(w.refs[i], w.labels[i], t, row[i] + (w.kinds[i] == NodeExporterWorkload.Kind.CONSTANT ? 0 : k));
        }
        a.commit();
        k++;
    }
}
