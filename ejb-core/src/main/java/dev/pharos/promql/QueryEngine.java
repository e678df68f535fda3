package dev.pharos.promql;

import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.parser.ParseException;
import dev.pharos.promql.parser.Parser;
import dev.pharos.promql.engine.Engine;
import dev.pharos.tsdb.Storage;
import java.time.Duration;

/**
 * The PromQL engine: parses and evaluates instant and range queries against a
 * {@link Storage}. Thread-safe; every query runs on the caller's thread with its own state.
 * Errors are {@link QueryException}s carrying the API error type.
 */
public final class QueryEngine {
    /** Engine-wide defaults. */
    public record Options(Duration lookbackDelta, Duration timeout, long maxSamples, Duration defaultSubqueryStep) {
        public static final Options DEFAULT = new Options(Duration.ofMinutes(5), Duration.ofMinutes(2), 50_000_000L,
                Duration.ofMinutes(1));
    }

    private final Storage storage;
    private final Options options;

    public QueryEngine(Storage storage) {
        this(storage, Options.DEFAULT);
    }

    public QueryEngine(Storage storage, Options options) {
        this.storage = storage;
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Parses and type-checks a query; a {@link ParseException} becomes a bad_data QueryException. */
    public static Expr parse(String query) {
        try {
            return Parser.parse(query);
        } catch (ParseException e) {
            throw new QueryException(QueryException.Type.BAD_DATA, e.getMessage(), e);
        }
    }

    /** /api/v1/format_query: the query prettified as Prometheus does (comments removed). */
    public static String formatQuery(String query) {
        return dev.pharos.promql.ast.Pretty.format(parse(query));
    }

    /** /api/v1/parse_query: the AST as nested maps/lists for the JSON writer. */
    public static java.util.Map<String, Object> parseQueryTree(String query) {
        return dev.pharos.promql.ast.AstJson.toMap(parse(query));
    }

    public QueryResult instantQuery(String query, long timeMillis) {
        return instantQuery(query, timeMillis, QueryOptions.DEFAULT);
    }

    public QueryResult instantQuery(String query, long timeMillis, QueryOptions qo) {
        Expr e = parse(query);
        return Engine.run(storage, options, qo, query, e, timeMillis, timeMillis, 0);
    }

    public QueryResult rangeQuery(String query, long startMillis, long endMillis, long stepMillis) {
        return rangeQuery(query, startMillis, endMillis, stepMillis, QueryOptions.DEFAULT);
    }

    public QueryResult rangeQuery(String query, long startMillis, long endMillis, long stepMillis, QueryOptions qo) {
        if (stepMillis <= 0) {
            throw new QueryException(QueryException.Type.BAD_DATA,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMillis < startMillis) {
            throw new QueryException(QueryException.Type.BAD_DATA, "end timestamp must not be before start time");
        }
        if ((endMillis - startMillis) / stepMillis > 11_000) {
            throw new QueryException(QueryException.Type.BAD_DATA,
                    "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        Expr e = parse(query);
        if (e.type() != dev.pharos.promql.ast.ValueType.SCALAR && e.type() != dev.pharos.promql.ast.ValueType.VECTOR) {
            throw new QueryException(QueryException.Type.BAD_DATA, "invalid expression type \"" + e.type().text()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        return Engine.run(storage, options, qo, query, e, startMillis, endMillis, stepMillis);
    }
}
