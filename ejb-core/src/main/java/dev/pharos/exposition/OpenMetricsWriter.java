package dev.pharos.exposition;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes OpenMetrics 1.0 text: HELP escaped like label values, floats in Go's shortest form
 * with {@code .0} on integral values (as {@code expfmt} writes them), timestamps in seconds,
 * counters as {@code _total} samples of a family named without the suffix, and the closing
 * {@code # EOF} from {@link #writeEof()}. Buffered: call {@link #flush()} at the end.
 */
public final class OpenMetricsWriter extends AbstractFormatWriter {

    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** A writer that keeps UTF-8 names (quoting them where needed). */
    public OpenMetricsWriter(OutputStream out) {
        super(out, NameEscaping.ALLOW_UTF8);
    }

    /** A writer that escapes names as the reader asked ({@link NameEscaping#fromAcceptHeader}). */
    public OpenMetricsWriter(OutputStream out, NameEscaping escaping) {
        super(out, escaping);
    }

    public void writeHelp(String familyName, String help) throws IOException {
        ascii("# HELP ");
        metaName(familyName);
        raw(' ');
        escaped(help, true);
        raw('\n');
    }

    public void writeType(String familyName, MetricType type) throws IOException {
        ascii("# TYPE ");
        metaName(familyName);
        raw(' ');
        ascii(type.wireName());
        raw('\n');
    }

    public void writeUnit(String familyName, String unit) throws IOException {
        ascii("# UNIT ");
        metaName(familyName);
        raw(' ');
        escaped(unit, true);
        raw('\n');
    }

    /** A sample line (the name is used as given: add {@code _total} etc. yourself). */
    public void writeSample(String name, Labels labels, double value, boolean hasTimestamp, long timestampMs)
            throws IOException {
        writeSample(name, labels, value, hasTimestamp, timestampMs, null, 0, false, 0);
    }

    /** A sample line with an exemplar when {@code exemplarLabels} is not null. */
    public void writeSample(String name, Labels labels, double value, boolean hasTimestamp, long timestampMs,
            Labels exemplarLabels, double exemplarValue, boolean exemplarHasTimestamp, long exemplarTimestampMs)
            throws IOException {
        series(name, labels, null, null);
        raw(' ');
        omFloat(value);
        if (hasTimestamp) {
            raw(' ');
            seconds(timestampMs);
        }
        if (exemplarLabels != null) {
            ascii(" # ");
            series(null, exemplarLabels, null, null);
            raw(' ');
            omFloat(exemplarValue);
            if (exemplarHasTimestamp) {
                raw(' ');
                seconds(exemplarTimestampMs);
            }
        }
        raw('\n');
    }

    private void sample(String name, Labels labels, String extraName, String extraValue, double value,
            boolean count, boolean hasTs, long ts) throws IOException {
        series(name, labels, extraName, extraValue);
        raw(' ');
        if (count && value == Math.rint(value) && Math.abs(value) < 1e15) {
            // Counts are integers in OpenMetrics output, as expfmt writes them.
            number((long) value);
        } else {
            omFloat(value);
        }
        if (hasTs) {
            raw(' ');
            seconds(ts);
        }
        raw('\n');
    }

    private void omFloat(double v) throws IOException {
        num.setLength(0);
        GoFloat.appendOpenMetrics(num, v);
        ascii(num);
    }

    /** Milliseconds as exact decimal seconds: {@code 1520879607.789}, {@code 12}, {@code -0.5}. */
    private void seconds(long ms) throws IOException {
        long s = ms / 1000;
        long frac = Math.abs(ms % 1000);
        if (ms < 0 && s == 0 && frac != 0) {
            raw('-');
        }
        number(s);
        if (frac != 0) {
            raw('.');
            int digits = 3;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            String f = Long.toString(frac);
            for (int k = f.length(); k < digits; k++) {
                raw('0');
            }
            ascii(f);
        }
    }

    /**
     * A whole family: TYPE, UNIT (if any), HELP (if any), then the metrics. A counter named
     * {@code x_total} becomes family {@code x} with {@code x_total} samples; summaries and
     * histograms are written with their {@code quantile}/{@code _bucket}/{@code _sum}/{@code _count}.
     */
    public void writeFamily(MetricFamilyData f) throws IOException {
        String fam = f.name();
        if (f.type() == MetricType.COUNTER && fam.endsWith("_total")) {
            fam = fam.substring(0, fam.length() - "_total".length());
        } else if (f.type() == MetricType.INFO && fam.endsWith("_info")) {
            fam = fam.substring(0, fam.length() - "_info".length());
        }
        writeType(fam, f.type());
        if (f.unit() != null && !f.unit().isEmpty()) {
            writeUnit(fam, f.unit());
        }
        if (f.help() != null) {
            writeHelp(fam, f.help());
        }
        for (MetricData m : f.metrics()) {
            boolean ts = m.hasTimestamp();
            long t = m.timestampMs();
            switch (f.type()) {
                case COUNTER -> sample(fam + "_total", m.labels(), null, null, m.value(), false, ts, t);
                case INFO -> sample(fam + "_info", m.labels(), null, null, m.value(), false, ts, t);
                case SUMMARY -> {
                    for (MetricData.Quantile q : m.quantiles()) {
                        sample(fam, m.labels(), "quantile", GoFloat.formatOpenMetrics(q.quantile()), q.value(),
                                false, ts, t);
                    }
                    sample(fam + "_sum", m.labels(), null, null, m.sampleSum(), false, ts, t);
                    sample(fam + "_count", m.labels(), null, null, m.sampleCount(), true, ts, t);
                }
                case HISTOGRAM, GAUGEHISTOGRAM -> {
                    boolean gauge = f.type() == MetricType.GAUGEHISTOGRAM;
                    boolean inf = false;
                    for (MetricData.Bucket b : m.buckets()) {
                        inf |= b.upperBound() == Double.POSITIVE_INFINITY;
                        sample(fam + "_bucket", m.labels(), "le", GoFloat.formatOpenMetrics(b.upperBound()),
                                b.cumulativeCount(), true, ts, t);
                    }
                    if (!inf) {
                        sample(fam + "_bucket", m.labels(), "le", "+Inf", m.sampleCount(), true, ts, t);
                    }
                    sample(fam + (gauge ? "_gsum" : "_sum"), m.labels(), null, null, m.sampleSum(), false, ts, t);
                    sample(fam + (gauge ? "_gcount" : "_count"), m.labels(), null, null, m.sampleCount(), true, ts, t);
                }
                default -> sample(fam, m.labels(), null, null, m.value(), false, ts, t);
            }
        }
    }

    /** The mandatory terminator; write it once, last. */
    public void writeEof() throws IOException {
        ascii("# EOF\n");
    }
}
