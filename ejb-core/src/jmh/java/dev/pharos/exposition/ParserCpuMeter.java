package dev.pharos.exposition;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Samples per CPU-second of the parsers, measured with the thread's CPU time rather than
 * wall time, so that the figure is per core even on a machine shared with other work (where
 * JMH's wall-clock scores swing with the load). Same loop as {@link ExpositionParserBench}.
 *
 * <p>Run after {@code mvn -Pbench test-compile}:
 * {@code java -cp target/classes:target/test-classes:<jmh-core> dev.pharos.exposition.ParserCpuMeter}
 */
public final class ParserCpuMeter {

    private ParserCpuMeter() {
    }

    interface Factory {
        ExpositionParser make(byte[] body);
    }

    public static void main(String[] args) throws Exception {
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        byte[] text2k = BenchPayloads.generate(ExpositionParserBench.NODE_EXPORTER, false);
        byte[] om2k = BenchPayloads.generate(ExpositionParserBench.NODE_EXPORTER, true);
        byte[] text100k = BenchPayloads.generate(ExpositionParserBench.LARGE, false);
        byte[] om100k = BenchPayloads.generate(ExpositionParserBench.LARGE, true);
        for (int round = 0; round < 2; round++) {
            boolean report = round == 1;
            measure("text 2k", text2k, PromTextParser::new, bh, report);
            measure("openmetrics 2k", om2k, OpenMetricsParser::new, bh, report);
            measure("text 100k", text100k, PromTextParser::new, bh, report);
            measure("openmetrics 100k", om100k, OpenMetricsParser::new, bh, report);
        }
    }

    private static void measure(String name, byte[] body, Factory f, Blackhole bh, boolean report) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long samples = 0;
        long cpu0 = mx.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        while (mx.getCurrentThreadCpuTime() - cpu0 < 3_000_000_000L) {
            for (int i = 0; i < 10; i++) {
                samples += ExpositionParserBench.consume(f.make(body), bh);
            }
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        if (report) {
            System.out.printf("%-18s %,12.0f samples/CPU-s  (%,.0f samples/wall-s, %d bytes)%n",
                    name, samples * 1e9 / cpu, samples * 1e9 / wall, body.length);
        }
    }
}
