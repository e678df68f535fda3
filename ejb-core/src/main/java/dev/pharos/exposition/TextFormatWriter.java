package dev.pharos.exposition;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the text format 0.0.4 as Prometheus's {@code expfmt} does (for {@code /federate} and
 * the Pushgateway's {@code /metrics}): HELP escapes backslash and newline, label values also
 * double quotes, floats in Go's shortest form with {@code +Inf}/{@code -Inf}/{@code NaN},
 * timestamps in milliseconds. Names outside the legacy character set are quoted (the UTF-8
 * form). Buffered: call {@link #flush()} at the end.
 */
public final class TextFormatWriter extends AbstractFormatWriter {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** A writer that keeps UTF-8 names (quoting them where needed). */
    public TextFormatWriter(OutputStream out) {
        super(out, NameEscaping.ALLOW_UTF8);
    }

    /** A writer that escapes names as the reader asked ({@link NameEscaping#fromAcceptHeader}). */
    public TextFormatWriter(OutputStream out, NameEscaping escaping) {
        super(out, escaping);
    }

    public void writeHelp(String metricName, String help) throws IOException {
        ascii("# HELP ");
        metaName(metricName);
        raw(' ');
        escaped(help, false);
        raw('\n');
    }

    /** A TYPE line; types the text format lacks (info, stateset, gaugehistogram) become untyped. */
    public void writeType(String metricName, MetricType type) throws IOException {
        ascii("# TYPE ");
        metaName(metricName);
        raw(' ');
        ascii(textTypeName(type));
        raw('\n');
    }

    static String textTypeName(MetricType type) {
        return switch (type) {
            case COUNTER -> "counter";
            case GAUGE -> "gauge";
            case HISTOGRAM -> "histogram";
            case SUMMARY -> "summary";
            default -> "untyped";
        };
    }

    /** A sample; the name is taken from the {@code __name__} label. */
    public void writeSample(Labels labels, double value) throws IOException {
        writeSample(nameOf(labels), labels, value, false, 0);
    }

    private static String nameOf(Labels labels) {
        String name = labels.metricName();
        if (name == null) {
            throw new IllegalArgumentException("labels without " + Labels.METRIC_NAME + ": " + labels);
        }
        return name;
    }

    /** A sample with a millisecond timestamp; the name is taken from {@code __name__}. */
    public void writeSample(Labels labels, double value, long timestampMs) throws IOException {
        writeSample(nameOf(labels), labels, value, true, timestampMs);
    }

    /** A sample line; {@code __name__} in {@code labels}, if any, is ignored in favour of {@code name}. */
    public void writeSample(String name, Labels labels, double value, boolean hasTimestamp, long timestampMs)
            throws IOException {
        sample(name, labels, null, null, value, hasTimestamp, timestampMs);
    }

    private void sample(String name, Labels labels, String extraName, String extraValue, double value,
            boolean hasTs, long ts) throws IOException {
        series(name, labels, extraName, extraValue);
        raw(' ');
        num.setLength(0);
        GoFloat.appendTo(num, value);
        ascii(num);
        if (hasTs) {
            raw(' ');
            number(ts);
        }
        raw('\n');
    }

    /**
     * A whole family: HELP (if any), TYPE, then every metric; summaries and histograms as
     * their {@code quantile}/{@code _bucket}/{@code _sum}/{@code _count} samples, with a
     * {@code +Inf} bucket added when missing, as {@code expfmt} does.
     */
    public void writeFamily(MetricFamilyData f) throws IOException {
        String name = f.name();
        if (f.help() != null) {
            writeHelp(name, f.help());
        }
        writeType(name, f.type());
        for (MetricData m : f.metrics()) {
            boolean ts = m.hasTimestamp();
            long t = m.timestampMs();
            switch (f.type()) {
                case SUMMARY -> {
                    for (MetricData.Quantile q : m.quantiles()) {
                        sample(name, m.labels(), "quantile", GoFloat.format(q.quantile()), q.value(), ts, t);
                    }
                    sample(name + "_sum", m.labels(), null, null, m.sampleSum(), ts, t);
                    sample(name + "_count", m.labels(), null, null, m.sampleCount(), ts, t);
                }
                case HISTOGRAM, GAUGEHISTOGRAM -> {
                    boolean inf = false;
                    for (MetricData.Bucket b : m.buckets()) {
                        inf |= b.upperBound() == Double.POSITIVE_INFINITY;
                        sample(name + "_bucket", m.labels(), "le", GoFloat.format(b.upperBound()),
                                b.cumulativeCount(), ts, t);
                    }
                    if (!inf) {
                        sample(name + "_bucket", m.labels(), "le", "+Inf", m.sampleCount(), ts, t);
                    }
                    sample(name + "_sum", m.labels(), null, null, m.sampleSum(), ts, t);
                    sample(name + "_count", m.labels(), null, null, m.sampleCount(), ts, t);
                }
                default -> sample(name, m.labels(), null, null, m.value(), ts, t);
            }
        }
    }
}
