package dev.pharos.promql.engine;

import dev.pharos.promql.QueryException;
import dev.pharos.promql.parser.ParseException;
import dev.pharos.tsdb.Storage;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** State shared by all evaluators of one query: storage, limits, annotations, statistics. */
final class EvalContext {
    final Storage storage;
    final String query;
    final long lookback;
    final long queryStart;
    final long queryEnd;
    final long defaultSubqueryStep;
    final long maxSamples;
    final long deadlineNanos;
    final BooleanSupplier cancelled;
    final boolean rangeQuery;
    long queryStep;
    final Set<String> warnings = new LinkedHashSet<>();
    final Set<String> infos = new LinkedHashSet<>();
    long currentSamples;
    long peakSamples;
    long totalSamples;
    private int checkCounter;

    EvalContext(Storage storage, String query, long lookback, long queryStart, long queryEnd, boolean rangeQuery,
            long defaultSubqueryStep, long maxSamples, long deadlineNanos, BooleanSupplier cancelled) {
        this.storage = storage;
        this.query = query;
        this.lookback = lookback;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.rangeQuery = rangeQuery;
        this.defaultSubqueryStep = defaultSubqueryStep;
        this.maxSamples = maxSamples;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
    }

    void warn(String msg, int pos) {
        warnings.add("PromQL warning: " + msg + " (" + ParseException.position(query, pos) + ")");
    }

    void info(String msg, int pos) {
        infos.add("PromQL info: " + msg + " (" + ParseException.position(query, pos) + ")");
    }

    void addSamples(long n) {
        currentSamples += n;
        if (currentSamples > peakSamples) {
            peakSamples = currentSamples;
        }
        if (currentSamples > maxSamples) {
            throw new QueryException(QueryException.Type.EXECUTION,
                    "query processing would load too many samples into memory in query execution");
        }
    }

    /** Samples read from storage (the "total queryable samples" statistic). */
    void countLoaded(long n) {
        totalSamples += n;
    }

    void releaseSamples(long n) {
        currentSamples -= n;
    }

    /** Cheap enough to call in inner loops: the real check runs every 256 calls. */
    void check() {
        if ((++checkCounter & 255) != 0) {
            return;
        }
        checkNow();
    }

    void checkNow() {
        if (Thread.currentThread().isInterrupted() || (cancelled != null && cancelled.getAsBoolean())) {
            throw new QueryException(QueryException.Type.CANCELED, "query was canceled in query execution");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new QueryException(QueryException.Type.TIMEOUT, "query timed out in query execution");
        }
    }
}
