package dev.pharos.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.ExpositionParser;
import dev.pharos.exposition.ExpositionParser.Entry;
import dev.pharos.exposition.FamilyParser;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.exposition.OpenMetricsParser;
import dev.pharos.exposition.PromTextParser;
import dev.pharos.exposition.ProtobufFormat;
import dev.pharos.exposition.TextFormatWriter;
import dev.pharos.model.Labels;
import dev.pharos.testsupport.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parses every file of {@code shared/conformance/exposition/}: the parser must accept it and
 * report exactly the samples the file holds, each with the name, label count, value and
 * timestamp an independent line-by-line reading of the file finds. Files ending in
 * {@code .om.txt} are OpenMetrics, {@code .prom.txt} the text format; any other file fails
 * the suite (there is no skip list).
 */
class ExpositionConformanceTest {

    private static final List<String> REPORT = new ArrayList<>();

    @AfterAll
    static void report() {
        System.out.println("ExpositionConformanceTest: " + REPORT.size() + " files");
        REPORT.forEach(r -> System.out.println("  " + r));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFile() throws IOException {
        Path dir = SharedData.conformance("exposition");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no corpus files in " + dir);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    /** Spot checks of particular samples, read back through the parser's object accessors. */
    @org.junit.jupiter.api.Test
    void specificSamples() throws Exception {
        Path dir = SharedData.conformance("exposition");
        ExpositionParser om = new OpenMetricsParser(Files.readAllBytes(dir.resolve("alltypes.5mfs.om.txt")));
        boolean seen = false;
        for (Entry e = om.next(); e != Entry.EOF; e = om.next()) {
            if (e == Entry.SERIES && om.labels().equals(Labels.of("__name__",
                    "rpc_durations_histogram_seconds_bucket", "le", "-0.0002899999999999998"))) {
                seen = true;
                assertEquals(3.0, om.value());
                assertTrue(om.hasExemplar());
                assertEquals(Labels.of("dummyID", "17783"), om.exemplarLabels());
                assertEquals(-0.0003825067330956884, om.exemplarValue());
                assertEquals(1726839814223L, om.exemplarTimestampMillis());
            }
        }
        assertTrue(seen, "exemplar sample present");

        ExpositionParser text = new PromTextParser(Files.readAllBytes(dir.resolve("alltypes.237mfs.prom.txt")));
        int quantiles = 0;
        for (Entry e = text.next(); e != Entry.EOF; e = text.next()) {
            if (e == Entry.SERIES && "go_gc_duration_seconds".equals(text.metricName())) {
                Labels l = text.labels();
                // Prometheus 3 normalises summary quantiles to float form: "0" reads as "0.0".
                if (quantiles == 0) {
                    assertEquals("0.0", l.get("quantile"));
                    assertEquals(7.6238e-05, text.value());
                }
                quantiles++;
            }
            if (e == Entry.SERIES && "go_gc_gomemlimit_bytes".equals(text.metricName())) {
                assertEquals(9.03676723e+08, text.value());
            }
        }
        assertEquals(5, quantiles);
    }

    /** What an independent reading of one sample line says. */
    record Expected(String name, int labelCount, double value, Long timestampMs, boolean exemplar) {
    }

    private static void check(Path file) throws Exception {
        String fn = file.getFileName().toString();
        boolean om;
        if (fn.endsWith(".om.txt")) {
            om = true;
        } else if (fn.endsWith(".prom.txt")) {
            om = false;
        } else {
            REPORT.add(fn + ": FAILED (unknown format)");
            throw new AssertionError("unknown exposition format of corpus file " + fn);
        }
        byte[] body = Files.readAllBytes(file);
        List<Expected> expected = expectedSamples(new String(body, StandardCharsets.UTF_8), om);
        ExpositionParser p = om ? new OpenMetricsParser(body) : new PromTextParser(body);
        int samples = 0;
        int types = 0;
        int helps = 0;
        try {
            for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                switch (e) {
                    case SERIES -> {
                        assertTrue(samples < expected.size(), fn + ": more samples than lines");
                        Expected x = expected.get(samples++);
                        Labels l = p.labels();
                        String where = fn + " line " + p.lineNumber();
                        assertEquals(x.name(), l.metricName(), where);
                        assertEquals(x.name(), p.metricName(), where);
                        assertEquals(x.labelCount() + 1, l.size(), where + " " + l);
                        assertEquals(Double.doubleToLongBits(x.value()), Double.doubleToLongBits(p.value()),
                                where + " value");
                        assertEquals(x.timestampMs() != null, p.hasTimestamp(), where);
                        if (x.timestampMs() != null) {
                            assertEquals((long) x.timestampMs(), p.timestampMillis(), where);
                        }
                        assertEquals(x.exemplar(), p.hasExemplar(), where + " exemplar");
                    }
                    case TYPE -> types++;
                    case HELP -> {
                        helps++;
                        assertNotNull(p.help());
                    }
                    default -> {
                    }
                }
            }
        } catch (AssertionError | Exception ex) {
            REPORT.add(fn + ": FAILED after " + samples + " samples: " + ex.getMessage());
            throw ex;
        }
        assertEquals(expected.size(), samples, fn + ": sample count");

        // The family view (Pushgateway) of the same file: grouped, written back as text and
        // as protobuf, and read again, it must come back equal.
        List<MetricFamilyData> fams = FamilyParser.parse(om ? new OpenMetricsParser(body) : new PromTextParser(body));
        if (types > 0) {
            assertEquals(types, fams.size(), fn + ": one family per TYPE line");
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        TextFormatWriter w = new TextFormatWriter(bos);
        for (MetricFamilyData f : fams) {
            w.writeFamily(f);
        }
        w.flush();
        assertEquals(fams, FamilyParser.parseText(bos.toByteArray()), fn + ": text round trip");
        assertEquals(fams, ProtobufFormat.decodeDelimited(ProtobufFormat.encodeDelimited(fams)),
                fn + ": protobuf round trip");
        REPORT.add(fn + ": passed, " + samples + " samples, " + types + " TYPE, " + helps + " HELP, "
                + fams.size() + " families round-tripped");
    }

    /** Reads the file line by line without the parser: every non-comment, non-blank line is a sample. */
    static List<Expected> expectedSamples(String text, boolean om) {
        List<Expected> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int brace = t.indexOf('{');
            int space = t.indexOf(' ');
            String name;
            int labelCount = 0;
            String rest;
            if (brace >= 0 && (space < 0 || brace < space)) {
                name = t.substring(0, brace);
                int close = closingBrace(t, brace);
                String inner = t.substring(brace + 1, close);
                labelCount = countPairs(inner);
                rest = t.substring(close + 1).strip();
            } else {
                name = t.substring(0, space);
                rest = t.substring(space + 1).strip();
            }
            boolean exemplar = false;
            int hash = rest.indexOf(" # {");
            if (hash >= 0) {
                exemplar = true;
                rest = rest.substring(0, hash);
            }
            String[] parts = rest.split("[ \t]+");
            double v = parts[0].equals("+Inf") ? Double.POSITIVE_INFINITY
                    : parts[0].equals("-Inf") ? Double.NEGATIVE_INFINITY
                    : parts[0].equals("NaN") ? Double.longBitsToDouble(0x7ff8000000000001L)
                    : Double.parseDouble(parts[0]);
            Long ts = null;
            if (parts.length > 1) {
                ts = om ? (long) (Double.parseDouble(parts[1]) * 1000) : Long.parseLong(parts[1]);
            }
            out.add(new Expected(name, labelCount, v, ts, exemplar));
        }
        return out;
    }

    private static int closingBrace(String t, int open) {
        boolean inQuote = false;
        for (int i = open + 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inQuote && c == '\\') {
                i++;
            } else if (c == '"') {
                inQuote = !inQuote;
            } else if (c == '}' && !inQuote) {
                return i;
            }
        }
        throw new AssertionError("unclosed brace: " + t);
    }

    /** Counts name="value" pairs with a non-empty value, outside quotes. */
    private static int countPairs(String inner) {
        int n = 0;
        boolean inQuote = false;
        int valueStart = -1;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (inQuote && c == '\\') {
                i++;
            } else if (c == '"') {
                if (!inQuote && i > 0 && inner.charAt(i - 1) == '=') {
                    valueStart = i + 1;
                } else if (inQuote && valueStart >= 0) {
                    if (i > valueStart) {
                        n++;
                    }
                    valueStart = -1;
                }
                inQuote = !inQuote;
            }
        }
        return n;
    }
}
