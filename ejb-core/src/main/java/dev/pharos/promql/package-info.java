/**
 * PromQL for Pharos: parser, evaluator and result model, matching Prometheus 3.x.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.pharos.promql.QueryEngine} (thread-safe, one per storage):
 *       {@code instantQuery(query, timeMillis[, QueryOptions])},
 *       {@code rangeQuery(query, startMillis, endMillis, stepMillis[, QueryOptions])},
 *       static {@code parse(query)}, {@code formatQuery(query)} (format_query) and
 *       {@code parseQueryTree(query)} (parse_query).</li>
 *   <li>{@link dev.pharos.promql.QueryEngine.Options}: engine defaults (lookback delta 5m,
 *       timeout 2m, max samples 50,000,000, subquery default step 1m).
 *       {@link dev.pharos.promql.QueryOptions}: per-query lookback delta, timeout and a
 *       cancel flag (the query thread's interrupt flag is honoured too).</li>
 *   <li>{@link dev.pharos.promql.QueryResult}: a {@link dev.pharos.promql.Value}
 *       ({@link dev.pharos.promql.Vector}, {@link dev.pharos.promql.Matrix},
 *       {@link dev.pharos.promql.Scalar}, {@link dev.pharos.promql.StringValue}), warnings and
 *       infos rendered as the API returns them ({@code "PromQL info: ... (1:6)"}), and the
 *       statistics total loaded samples and peak samples.</li>
 *   <li>{@link dev.pharos.promql.QueryException}: every failure, with
 *       {@link dev.pharos.promql.QueryException#errorType()} bad_data (parse and type errors,
 *       message {@code "1:5: parse error: ..."}), execution, timeout or canceled.</li>
 *   <li>{@link dev.pharos.promql.ValueFormat#format(double)}: float values exactly as
 *       Prometheus writes them in JSON.</li>
 * </ul>
 *
 * <h2>Layout</h2>
 * {@code parser} (hand-written lexer and precedence-climbing parser with Prometheus's type
 * checks and error wording), {@code ast} (nodes, String() rendering, prettifier, JSON tree),
 * {@code engine} (evaluation over a dense step grid, functions, aggregations, vector
 * matching). Storage is read only through {@link dev.pharos.tsdb.Storage}.
 */
package dev.pharos.promql;
