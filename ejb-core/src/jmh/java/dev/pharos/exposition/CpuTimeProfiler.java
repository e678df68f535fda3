package dev.pharos.exposition;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler that divides the operations of each iteration by the CPU time the benchmark
 * JVM consumed in it ({@code -prof dev.pharos.exposition.CpuTimeProfiler}), giving operations
 * per CPU-second: a per-core figure that holds on a machine shared with other work, where
 * the wall-clock score only shows the share of a core the benchmark got. It counts the
 * JVM's JIT and GC threads too, so it errs on the low side.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private long cpu0;
    private long wall0;

    @Override
    public String getDescription() {
        return "operations per CPU-second of the benchmark JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpu0 = processCpuNanos();
        wall0 = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long cpu = processCpuNanos() - cpu0;
        long wall = System.nanoTime() - wall0;
        double opsPerWallSecond = result.getPrimaryResult().getScore();
        double ops = opsPerWallSecond * wall / 1e9;
        return List.of(
                new ScalarResult("cpu.ops.per.cpu.second", ops / (cpu / 1e9), "ops/cpu-s", AggregationPolicy.AVG),
                new ScalarResult("cpu.share", (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
