package dev.pharos.tsdb;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.MatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * rate(x[5m])-shaped reads: select 10,000 series over 2 h (480 samples each at 15 s), walk each
 * with a 5 m window at a 1 m step the way a PromQL range query does (seek to the window, read
 * forward, keep first/last of the window), from a block (memory-mapped chunk files) or the head.
 * One operation is one decoded sample; single thread, so ops/s = samples/s per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TsdbSelectBench {

    static final int SERIES = 10_000;
    static final int SAMPLES = 480;
    static final long TWO_HOURS = 2 * TsdbOptions.HOUR;

    @Param({"block", "head"})
    String source;

    Path dir;
    Tsdb db;
    LabelMatcher[] matchers = {new LabelMatcher(MatchType.EQUAL, "job", "node")};

    @Setup(Level.Trial)
    public void setup() throws Exception {
        dir = Files.createTempDirectory("tsdb-select");
        db = Tsdb.open(dir, new TsdbOptions().walEnabled(false));
        NodeExporterWorkload w = new NodeExporterWorkload(SERIES, 3);
        int scrapes = source.equals("block") ? 722 : SAMPLES;
        for (long k = 0; k < scrapes; k++) {
            Appender a = db.appender();
            long t = k * NodeExporterWorkload.INTERVAL; // exact, so every series has 480 in [0, 2h)
            for (int i = 0; i < SERIES; i++) {
                w.refs[i] = a.append(w.refs[i], w.labels[i], t, w.next(i));
            }
            a.commit();
        }
        db.maintain(0);
        if (source.equals("block") && db.blocks().isEmpty()) {
            throw new IllegalStateException("no block cut");
        }
        if (read() != (long) SERIES * SAMPLES) {
            throw new IllegalStateException("expected " + (long) SERIES * SAMPLES + " samples, read " + read());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        db.close();
        Tsdb.deleteTree(dir);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES * SAMPLES)
    public long rateShapedRead() {
        return read();
    }

    long read() {
        long count = 0;
        double acc = 0;
        long window = 5 * 60_000L;
        long step = 60_000L;
        try (Querier q = db.querier(0, TWO_HOURS - 1)) {
            List<Series> ss = q.select(matchers);
            for (Series s : ss) {
                SampleIterator it = s.iterator();
                // Single forward pass; every step's window [end-5m, end] is closed as samples pass.
                long end = window;
                double first = Double.NaN;
                double last = Double.NaN;
                while (it.next()) {
                    long t = it.timestamp();
                    double v = it.value();
                    count++;
                    while (t > end) {
                        acc += last - first; // "rate" of the closed window
                        end += step;
                        first = Double.NaN;
                    }
                    if (t >= end - window) {
                        if (first != first) {
                            first = v;
                        }
                        last = v;
                    }
                }
            }
        }
        return count + (acc == 1.2345 ? 1 : 0);
    }
}
