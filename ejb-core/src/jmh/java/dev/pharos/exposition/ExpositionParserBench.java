package dev.pharos.exposition;

import dev.pharos.exposition.ExpositionParser.Entry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the text and OpenMetrics parsers as a scrape uses them: every entry is read,
 * and for every sample the value, timestamp and raw-series hash (the scrape cache's lookup
 * key) are taken; labels are not built (a cache hit does not need them). One operation is
 * one sample, so the score is samples per second on one thread (one core), and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per sample.
 *
 * <p>Run: {@code mvn -q -B -Pbench test-compile exec:exec -Dbench=ExpositionParserBench
 * -Dbench.args="-f 1 -prof gc -prof dev.pharos.exposition.CpuTimeProfiler"}; on a shared machine the
 * {@code cpu.ops.per.cpu.second} line is the per-core figure (see {@link CpuTimeProfiler}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExpositionParserBench {

    static final int NODE_EXPORTER = 2000;
    static final int LARGE = 100_000;

    byte[] text2k;
    byte[] om2k;
    byte[] text100k;
    byte[] om100k;

    @Setup
    public void setup() throws Exception {
        text2k = BenchPayloads.generate(NODE_EXPORTER, false);
        om2k = BenchPayloads.generate(NODE_EXPORTER, true);
        text100k = BenchPayloads.generate(LARGE, false);
        om100k = BenchPayloads.generate(LARGE, true);
        // Fail fast if a payload is not what it claims to be.
        check(new PromTextParser(text2k), NODE_EXPORTER);
        check(new OpenMetricsParser(om2k), NODE_EXPORTER);
        check(new PromTextParser(text100k), LARGE);
        check(new OpenMetricsParser(om100k), LARGE);
    }

    private static void check(ExpositionParser p, int expected) throws Exception {
        int n = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                p.labels();
                n++;
            }
        }
        if (n != expected) {
            throw new IllegalStateException("payload has " + n + " samples, expected " + expected);
        }
    }

    static int consume(ExpositionParser p, Blackhole bh) throws ExpositionParseException {
        int n = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                bh.consume(p.seriesHash());
                bh.consume(p.value());
                if (p.hasTimestamp()) {
                    bh.consume(p.timestampMillis());
                }
                n++;
            } else if (e == Entry.TYPE) {
                bh.consume(p.type());
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(NODE_EXPORTER)
    public int text_nodeExporter2k(Blackhole bh) throws Exception {
        return consume(new PromTextParser(text2k), bh);
    }

    @Benchmark
    @OperationsPerInvocation(NODE_EXPORTER)
    public int openMetrics_nodeExporter2k(Blackhole bh) throws Exception {
        return consume(new OpenMetricsParser(om2k), bh);
    }

    @Benchmark
    @OperationsPerInvocation(LARGE)
    public int text_100k(Blackhole bh) throws Exception {
        return consume(new PromTextParser(text100k), bh);
    }

    @Benchmark
    @OperationsPerInvocation(LARGE)
    public int openMetrics_100k(Blackhole bh) throws Exception {
        return consume(new OpenMetricsParser(om100k), bh);
    }

    /** The cache-miss path: labels built for every sample (an upper bound on a first scrape). */
    @Benchmark
    @OperationsPerInvocation(NODE_EXPORTER)
    public int text_nodeExporter2k_withLabels(Blackhole bh) throws Exception {
        PromTextParser p = new PromTextParser(text2k);
        int n = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                bh.consume(p.labels());
                bh.consume(p.value());
                n++;
            }
        }
        return n;
    }
}
