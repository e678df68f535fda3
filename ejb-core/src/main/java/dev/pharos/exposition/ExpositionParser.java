package dev.pharos.exposition;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;

/**
 * A pull parser over one whole scrape body (a byte array, already decompressed), in the
 * manner of Prometheus's {@code textparse.Parser}: each {@link #next()} moves to the next
 * entry and the accessors describe it until the following call.
 *
 * <p>Nothing is allocated per sample unless asked: the raw series text
 * ({@link #seriesStart()}..{@link #seriesEnd()} in {@link #buffer()}) is a stable key a scrape
 * cache can look up to find its series reference without building {@link Labels}; labels,
 * names and texts are materialised only by the accessors that return objects.
 */
public interface ExpositionParser {

    /** What {@link #next()} found. */
    enum Entry {
        /** A {@code # TYPE} line: {@link #metricFamily()}, {@link #type()}. */
        TYPE,
        /** A {@code # HELP} line: {@link #metricFamily()}, {@link #help()}. */
        HELP,
        /** A {@code # UNIT} line (OpenMetrics): {@link #metricFamily()}, {@link #unit()}. */
        UNIT,
        /** A sample line: series key, labels, value, optional timestamp and exemplar. */
        SERIES,
        /** Any other comment (text format only): {@link #comment()}. */
        COMMENT,
        /** The end of the input ({@code # EOF} seen, in OpenMetrics). Stays EOF. */
        EOF
    }

    /** Advances to the next entry; a malformed line fails with an error naming it. */
    Entry next() throws ExpositionParseException;

    /** The 1-based line number of the current entry. */
    int lineNumber();

    // --- SERIES -------------------------------------------------------------------------

    /** The body being parsed; series keys are ranges of it. Do not modify. */
    byte[] buffer();

    /** Start (inclusive) of the raw series text: the metric name and the label braces. */
    int seriesStart();

    /** End (exclusive) of the raw series text. */
    int seriesEnd();

    /** A copy of the raw series text, to keep as a cache key. */
    byte[] seriesKey();

    /** True if the current raw series text equals {@code key} byte for byte. */
    boolean seriesEquals(byte[] key);

    /** A hash of the raw series text, equal to {@link #hashOf(byte[])} of its copy. */
    int seriesHash();

    /** The metric name of the current sample (allocates a string). */
    String metricName();

    /** The labels of the current sample, with {@code __name__}; built on each call. */
    Labels labels() throws ExpositionParseException;

    double value();

    boolean hasTimestamp();

    /** The sample's timestamp in milliseconds; meaningful only if {@link #hasTimestamp()}. */
    long timestampMillis();

    /** True if the sample carries an exemplar (OpenMetrics only). */
    boolean hasExemplar();

    /** The exemplar's labels (without a name), built on each call. */
    Labels exemplarLabels();

    double exemplarValue();

    boolean exemplarHasTimestamp();

    long exemplarTimestampMillis();

    // --- TYPE / HELP / UNIT / COMMENT ---------------------------------------------------

    /** The metric family name of a TYPE, HELP or UNIT line. */
    String metricFamily();

    /** The type of a TYPE line ({@code untyped} reads as {@link MetricType#UNKNOWN}). */
    MetricType type();

    /** The unescaped text of a HELP line. */
    String help();

    /** The unit of a UNIT line. */
    String unit();

    /** The text of a comment line, from its {@code #}. */
    String comment();

    /** The media type of the format this parser reads, e.g. {@code text/plain}. */
    String mediaType();

    /** The hash {@link #seriesHash()} uses, for keys kept by a cache. */
    static int hashOf(byte[] key) {
        return AbstractTextParser.hash(key, 0, key.length);
    }
}
