/**
 * The exposition formats: parsing scrape bodies and writing {@code /federate}, Pushgateway
 * and protobuf output.
 *
 * <h2>Parsing a scrape</h2>
 * {@link dev.pharos.exposition.ExpositionParsers#forContentType(String, byte[])} picks
 * {@link dev.pharos.exposition.PromTextParser} (text 0.0.4 and its 1.0.0 UTF-8 form),
 * {@link dev.pharos.exposition.OpenMetricsParser} (OpenMetrics 1.0) or
 * {@link dev.pharos.exposition.ProtobufParser}; the scrape sends
 * {@link dev.pharos.exposition.ExpositionParsers#SCRAPE_ACCEPT_HEADER}. The parsers are pull
 * parsers over the whole decompressed body:
 *
 * <pre>{@code
 * ExpositionParser p = ExpositionParsers.forContentType(contentType, body);
 * for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
 *     if (e == Entry.SERIES) {
 *         // cache lookup by the raw series text: p.buffer()[p.seriesStart() .. p.seriesEnd())
 *         //   with p.seriesHash() / p.seriesEquals(key); on a miss: p.labels()
 *         append(ref, p.hasTimestamp() ? p.timestampMillis() : scrapeTime, p.value());
 *     }
 * }
 * }</pre>
 *
 * A malformed line throws {@link dev.pharos.exposition.ExpositionParseException}, whose
 * message names the line ({@code line 7: expected value after metric, got ...}); the scrape
 * fails with it. Nothing is allocated per sample unless an object accessor is called; floats
 * are parsed from the bytes ({@link dev.pharos.exposition.GoFloat}: Go's syntax, Clinger's
 * and Eisel-Lemire's exact fast paths).
 *
 * <h2>What is validated</h2>
 * What Prometheus's own parsers reject, and no more. Text: a valid start token, label syntax
 * (trailing comma and missing commas between labels are allowed), Go float values, integer
 * millisecond timestamps, UTF-8 label values and HELP, the known TYPE names. OpenMetrics in
 * addition: single spaces, no blank lines or free comments, commas between labels, units
 * that are a suffix of the family name, float second timestamps that are finite, and the
 * {@code # EOF} terminator with nothing after it. Duplicate label names are reported when
 * the labels are built. As in Prometheus 3, {@code le} of histograms and {@code quantile}
 * of summaries are normalised to float form ({@code "1"} reads as {@code "1.0"}); NaN
 * values read as Prometheus's canonical NaN; {@code _created} samples stay ordinary series.
 *
 * <h2>Families and writers</h2>
 * {@link dev.pharos.exposition.MetricFamilyData}/{@link dev.pharos.exposition.MetricData}
 * model a family as the Pushgateway and the protobuf format see it;
 * {@link dev.pharos.exposition.FamilyParser} groups a parsed body into families,
 * {@link dev.pharos.exposition.ProtobufFormat} reads and writes the delimited protobuf
 * format, {@link dev.pharos.exposition.TextFormatWriter} and
 * {@link dev.pharos.exposition.OpenMetricsWriter} write the text formats with
 * {@code expfmt}'s escaping and number formatting.
 */
package dev.pharos.exposition;
