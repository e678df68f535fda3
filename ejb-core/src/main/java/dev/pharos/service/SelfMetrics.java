package dev.pharos.service;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Self-instrumentation: registers the JVM/process metrics and Pharos's build info in the
 * default registry that /metrics on :9090 exposes. Engines register their own metrics in
 * the same registry, under Prometheus's names where a counterpart exists.
 */
@Singleton
@Startup
public class SelfMetrics {

    private static volatile boolean registered;

    @PostConstruct
    void register() {
        synchronized (SelfMetrics.class) {
            if (registered) {
                return;
            }
            JvmMetrics.builder().register(PrometheusRegistry.defaultRegistry);
            Info buildInfo = Info.builder()
                    .name("prometheus_build_info")
                    .help("A metric with a constant '1' value labeled by version, revision, branch, goversion from which prometheus was built, and the goos and goarch for the build.")
                    .labelNames("version", "revision", "branch", "goversion", "goos", "goarch", "tags")
                    .register(PrometheusRegistry.defaultRegistry);
            buildInfo.addLabelValues(BuildInfo.VERSION, BuildInfo.REVISION, BuildInfo.BRANCH,
                    "java" + BuildInfo.JAVA_VERSION, System.getProperty("os.name").toLowerCase(),
                    System.getProperty("os.arch"), "pharos");
            registered = true;
        }
    }
}
