package dev.pharos.exposition;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a delimited protobuf scrape through the same pull interface as the text parsers:
 * on the first {@link #next()} the families are decoded and rendered as text 0.0.4, which a
 * {@link PromTextParser} then walks. Classic histograms and summaries therefore appear as
 * their {@code _bucket}/{@code _sum}/{@code _count} series, as Prometheus ingests them
 * without native histograms. Not the fast path: targets only send protobuf when asked.
 */
public final class ProtobufParser implements ExpositionParser {

    private final byte[] body;
    private PromTextParser text;

    public ProtobufParser(byte[] body) {
        this.body = body;
    }

    @Override
    public Entry next() throws ExpositionParseException {
        if (text == null) {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(body.length * 2 + 16);
            TextFormatWriter w = new TextFormatWriter(bos);
            try {
                for (MetricFamilyData f : ProtobufFormat.decodeDelimited(body)) {
                    w.writeFamily(f);
                }
                w.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            text = new PromTextParser(bos.toByteArray());
        }
        return text.next();
    }

    private PromTextParser t() {
        if (text == null) {
            throw new IllegalStateException("next() not called");
        }
        return text;
    }

    /** The number of the rendered text line (protobuf has no lines). */
    @Override
    public int lineNumber() {
        return t().lineNumber();
    }

    @Override
    public byte[] buffer() {
        return t().buffer();
    }

    @Override
    public int seriesStart() {
        return t().seriesStart();
    }

    @Override
    public int seriesEnd() {
        return t().seriesEnd();
    }

    @Override
    public byte[] seriesKey() {
        return t().seriesKey();
    }

    @Override
    public boolean seriesEquals(byte[] key) {
        return t().seriesEquals(key);
    }

    @Override
    public int seriesHash() {
        return t().seriesHash();
    }

    @Override
    public String metricName() {
        return t().metricName();
    }

    @Override
    public Labels labels() throws ExpositionParseException {
        return t().labels();
    }

    @Override
    public double value() {
        return t().value();
    }

    @Override
    public boolean hasTimestamp() {
        return t().hasTimestamp();
    }

    @Override
    public long timestampMillis() {
        return t().timestampMillis();
    }

    @Override
    public boolean hasExemplar() {
        return false;
    }

    @Override
    public Labels exemplarLabels() {
        return Labels.EMPTY;
    }

    @Override
    public double exemplarValue() {
        return 0;
    }

    @Override
    public boolean exemplarHasTimestamp() {
        return false;
    }

    @Override
    public long exemplarTimestampMillis() {
        return 0;
    }

    @Override
    public String metricFamily() {
        return t().metricFamily();
    }

    @Override
    public MetricType type() {
        return t().type();
    }

    @Override
    public String help() {
        return t().help();
    }

    @Override
    public String unit() {
        return t().unit();
    }

    @Override
    public String comment() {
        return t().comment();
    }

    @Override
    public String mediaType() {
        return ExpositionFormat.PROMETHEUS_PROTO.mediaType();
    }
}
