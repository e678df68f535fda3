package dev.pharos.service;

import dev.pharos.config.PromDurations;
import dev.pharos.promql.QueryEngine;
import dev.pharos.promql.QueryException;
import dev.pharos.promql.QueryOptions;
import dev.pharos.promql.QueryResult;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The PromQL engine over the shared storage, with the engine-wide limits of the flags
 * ({@code query.timeout}, {@code query.max-samples}, {@code query.lookback-delta}) and at
 * most {@code query.max-concurrency} queries at once; the others wait for a slot within
 * their own timeout. A query stops, waiting or running, once its
 * {@link QueryOptions#cancelled()} says so (the API passes a {@link ClientConnection} watch).
 */
@Singleton
@Startup
@DependsOn("StorageService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class QueryService {

    @Inject
    StorageService storage;

    @Inject
    Settings settings;

    private static final long QUEUE_POLL_NANOS = 100_000_000L;

    private QueryEngine engine;
    private Semaphore slots;
    private int maxConcurrency;
    private Gauge concurrentQueries;
    private Summary queryDuration;

    @PostConstruct
    void start() {
        var flags = settings.flags();
        QueryEngine.Options opts = new QueryEngine.Options(
                PromDurations.parse(flags.get("query.lookback-delta")),
                PromDurations.parse(flags.get("query.timeout")),
                Long.parseLong(flags.get("query.max-samples")),
                Duration.ofMinutes(1));
        engine = new QueryEngine(storage.storage(), opts);
        maxConcurrency = Integer.parseInt(flags.get("query.max-concurrency"));
        slots = new Semaphore(maxConcurrency, true);
        Gauge max = Gauge.builder().name("prometheus_engine_queries_concurrent_max")
                .help("The max number of concurrent queries.").register(PrometheusRegistry.defaultRegistry);
        max.set(maxConcurrency);
        concurrentQueries = Gauge.builder().name("prometheus_engine_queries")
                .help("The current number of queries being executed or waiting.")
                .register(PrometheusRegistry.defaultRegistry);
        queryDuration = Summary.builder().name("prometheus_engine_query_duration_seconds")
                .help("Query timings").labelNames("slice")
                .quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001)
                .register(PrometheusRegistry.defaultRegistry);
    }

    public QueryEngine engine() {
        return engine;
    }

    public QueryResult instant(String query, long timeMillis, QueryOptions qo) {
        return withSlot(qo, () -> engine.instantQuery(query, timeMillis, qo));
    }

    public QueryResult range(String query, long start, long end, long step, QueryOptions qo) {
        return withSlot(qo, () -> engine.rangeQuery(query, start, end, step, qo));
    }

    private QueryResult withSlot(QueryOptions qo, java.util.function.Supplier<QueryResult> q) {
        Duration timeout = qo.timeout() != null ? qo.timeout() : engine.options().timeout();
        concurrentQueries.inc();
        long t0 = System.nanoTime();
        try {
            acquireSlot(qo, t0 + timeout.toNanos());
            long waited = System.nanoTime() - t0;
            queryDuration.labelValues("queue_time").observe(waited / 1e9);
            try {
                QueryResult r = q.get();
                queryDuration.labelValues("inner_eval").observe((System.nanoTime() - t0 - waited) / 1e9);
                return r;
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(QueryException.Type.CANCELED, "query was canceled in query queue");
        } finally {
            concurrentQueries.dec();
        }
    }

    /** Waits for a query slot in short slices, so that a query whose client left stops waiting. */
    private void acquireSlot(QueryOptions qo, long deadline) throws InterruptedException {
        while (!slots.tryAcquire(QUEUE_POLL_NANOS, TimeUnit.NANOSECONDS)) {
            if (qo.cancelled() != null && qo.cancelled().getAsBoolean()) {
                throw new QueryException(QueryException.Type.CANCELED, "query was canceled in query queue");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new QueryException(QueryException.Type.TIMEOUT, "query timed out in query queue");
            }
        }
    }
}
