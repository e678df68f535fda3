package dev.pharos.relabel;

import dev.pharos.model.Labels;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Relabeling cost per label set: a typical metric_relabel_configs drop rule (kept and dropped
 * series), and a target relabeling chain (replace + labelmap + hashmod/keep sharding).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RelabelerBench {

    private final Labels kept = Labels.of("__name__", "http_requests_total", "job", "api", "instance", "h:9100",
            "method", "GET", "code", "200", "handler", "/api/v1/query");
    private final Labels dropped = Labels.of("__name__", "go_gc_duration_seconds", "job", "api", "instance", "h:9100",
            "quantile", "0.5");
    private final List<RelabelConfig> dropRule = List.of(RelabelConfig.builder().sourceLabels("__name__")
            .regex("go_.*|process_.*").action(RelabelAction.DROP).build());

    private final Labels target = Labels.of("__address__", "10.0.0.1:9100", "job", "node", "__scheme__", "http",
            "__metrics_path__", "/metrics", "__meta_kubernetes_pod_name", "pod-1",
            "__meta_kubernetes_namespace", "default");
    private final List<RelabelConfig> targetRules = List.of(
            RelabelConfig.builder().sourceLabels("__address__").regex("(.*):\\d+").targetLabel("host").build(),
            RelabelConfig.builder().regex("__meta_kubernetes_(.*)").replacement("k8s_$1")
                    .action(RelabelAction.LABELMAP).build(),
            RelabelConfig.builder().sourceLabels("__address__").modulus(4).targetLabel("__tmp_hash")
                    .action(RelabelAction.HASHMOD).build(),
            RelabelConfig.builder().sourceLabels("__tmp_hash").regex("[0-3]").action(RelabelAction.KEEP).build());

    @Benchmark
    public Labels metricDropRuleKept() {
        return Relabeler.process(kept, dropRule);
    }

    @Benchmark
    public Labels metricDropRuleDropped() {
        return Relabeler.process(dropped, dropRule);
    }

    @Benchmark
    public Labels targetRelabelChain() {
        return Relabeler.process(target, targetRules);
    }
}
