package dev.pharos.exposition;

import dev.pharos.exposition.ExpositionParser.Entry;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a whole exposition into metric families, as {@code expfmt.TextParser} does for the
 * Pushgateway: HELP and TYPE attach to the family of that name; a sample joins the family of
 * its own name, or of the summary or histogram whose {@code _sum}/{@code _count}/{@code _bucket}
 * it is, or else starts an untyped family; summary quantiles and histogram buckets with the
 * same other labels form one metric. OpenMetrics counters' {@code _total} samples join their
 * family, info families' {@code _info} samples likewise, and {@code _created} samples are dropped. Families without samples are dropped.
 */
public final class FamilyParser {

    private FamilyParser() {
    }

    /** Parses a text-format 0.0.4 body. */
    public static List<MetricFamilyData> parseText(byte[] body) throws ExpositionParseException {
        return parse(new PromTextParser(body));
    }

    /** Reads every entry of {@code p} into families, in order of first appearance. */
    public static List<MetricFamilyData> parse(ExpositionParser p) throws ExpositionParseException {
        Map<String, Family> byName = new LinkedHashMap<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case HELP -> {
                    Family f = byName.computeIfAbsent(p.metricFamily(), Family::new);
                    if (f.help != null) {
                        throw new ExpositionParseException(p.lineNumber(),
                                "second HELP line for metric name " + Quoting.goQuote(f.name));
                    }
                    f.help = p.help();
                }
                case TYPE -> {
                    Family f = byName.computeIfAbsent(p.metricFamily(), Family::new);
                    if (f.typed || !f.metrics.isEmpty()) {
                        throw new ExpositionParseException(p.lineNumber(), "second TYPE line for metric name "
                                + Quoting.goQuote(f.name) + ", or TYPE reported after samples");
                    }
                    f.type = p.type();
                    f.typed = true;
                }
                case UNIT -> byName.computeIfAbsent(p.metricFamily(), Family::new).unit = p.unit();
                case SERIES -> sample(p, byName);
                default -> {
                }
            }
        }
        List<MetricFamilyData> out = new ArrayList<>(byName.size());
        for (Family f : byName.values()) {
            if (!f.metrics.isEmpty()) {
                out.add(f.build());
            }
        }
        return out;
    }

    private static void sample(ExpositionParser p, Map<String, Family> byName) throws ExpositionParseException {
        String name = p.metricName();
        Family f = byName.get(name);
        String suffix = "";
        if (f == null) {
            for (String s : new String[] {"_sum", "_count", "_bucket", "_total", "_created", "_gsum", "_gcount", "_info"}) {
                if (name.endsWith(s)) {
                    Family cand = byName.get(name.substring(0, name.length() - s.length()));
                    if (cand != null && accepts(cand.type, s)) {
                        f = cand;
                        suffix = s;
                        break;
                    }
                }
            }
            if (f == null) {
                f = new Family(name);
                byName.put(name, f);
            }
        }
        if (suffix.equals("_created")) {
            return;
        }
        int line = p.lineNumber();
        Labels all = p.labels().withoutName();
        String special = switch (f.type) {
            case SUMMARY -> suffix.isEmpty() ? "quantile" : null;
            case HISTOGRAM, GAUGEHISTOGRAM -> suffix.equals("_bucket") ? "le" : null;
            default -> null;
        };
        Labels key = all;
        double bound = 0;
        if (special != null) {
            String v = all.get(special);
            if (v == null) {
                throw new ExpositionParseException(line, (special.equals("le") ? "missing 'le' label" : "missing quantile label")
                        + " for metric " + Quoting.goQuote(name));
            }
            try {
                bound = GoFloat.parse(v);
            } catch (GoFloat.SyntaxException ex) {
                throw new ExpositionParseException(line, "expected float as value for '" + special + "' label, got "
                        + Quoting.goQuote(v));
            }
            key = all.toBuilder().remove(special).build();
        }
        Metric m = f.metrics.get(key);
        if (m == null) {
            m = new Metric(key);
            f.metrics.put(key, m);
        }
        if (p.hasTimestamp()) {
            m.hasTs = true;
            m.ts = p.timestampMillis();
        }
        double v = p.value();
        switch (f.type) {
            case SUMMARY, HISTOGRAM, GAUGEHISTOGRAM -> {
                switch (suffix) {
                    case "_sum", "_gsum" -> m.sum = v;
                    case "_count", "_gcount" -> m.count = v;
                    default -> {
                        if (special == null) {
                            throw new ExpositionParseException(line, "unexpected sample " + Quoting.goQuote(name)
                                    + " in " + f.type.wireName() + " " + Quoting.goQuote(f.name));
                        }
                        m.bounds.add(new double[] {bound, v});
                    }
                }
            }
            default -> {
                if (m.hasValue) {
                    throw new ExpositionParseException(line, "collected metric " + Quoting.goQuote(name) + " "
                            + key + " was collected before with the same name and label values");
                }
                m.hasValue = true;
                m.value = v;
            }
        }
    }

    private static boolean accepts(MetricType type, String suffix) {
        return switch (type) {
            case SUMMARY -> suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_created");
            case HISTOGRAM -> suffix.equals("_sum") || suffix.equals("_count") || suffix.equals("_bucket")
                    || suffix.equals("_created");
            case GAUGEHISTOGRAM -> suffix.equals("_gsum") || suffix.equals("_gcount") || suffix.equals("_bucket");
            case COUNTER -> suffix.equals("_total") || suffix.equals("_created");
            case INFO -> suffix.equals("_info");
            default -> false;
        };
    }

    private static final class Family {
        final String name;
        String help;
        String unit;
        MetricType type = MetricType.UNKNOWN;
        boolean typed;
        final Map<Labels, Metric> metrics = new LinkedHashMap<>();

        Family(String name) {
            this.name = name;
        }

        MetricFamilyData build() {
            List<MetricData> ms = new ArrayList<>(metrics.size());
            for (Metric m : metrics.values()) {
                ms.add(m.build(type));
            }
            return new MetricFamilyData(name, help, type, unit, ms);
        }
    }

    private static final class Metric {
        final Labels labels;
        boolean hasValue;
        double value;
        double sum;
        double count;
        final List<double[]> bounds = new ArrayList<>();
        boolean hasTs;
        long ts;

        Metric(Labels labels) {
            this.labels = labels;
        }

        MetricData build(MetricType type) {
            bounds.sort(Comparator.comparingDouble(a -> a[0]));
            MetricData d = switch (type) {
                case SUMMARY -> MetricData.summary(labels, count, sum,
                        bounds.stream().map(a -> new MetricData.Quantile(a[0], a[1])).toList());
                case HISTOGRAM, GAUGEHISTOGRAM -> MetricData.histogram(labels, count, sum,
                        bounds.stream().map(a -> new MetricData.Bucket(a[0], a[1])).toList());
                default -> MetricData.simple(labels, value);
            };
            return hasTs ? d.withTimestamp(ts) : d;
        }
    }
}
