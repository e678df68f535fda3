package dev.pharos.exposition;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.ExpositionParser.Entry;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mangled input must end in a parse or in {@link ExpositionParseException}, never in another
 * exception (index out of bounds, number format...): a scrape target controls these bytes.
 */
class ParserRobustnessTest {

    private static final String TEXT = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
            {"my.dotted.metric", "error.message"="Not Found"} 1
            # TYPE h histogram
            h_bucket{le="0.05"} 24054
            h_bucket{le="+Inf"} 144320
            something_weird{problem="division by zero"} +Inf -3982045
            """;
    private static final String OM = """
            # TYPE foo histogram
            # UNIT foo_seconds seconds
            foo_bucket{le="0.1"} 8 # {} 0.054
            foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
            foo_count 17 1520879607.789
            {"a.b",c="d"} 1.5e3
            # EOF
            """;
    private static final byte[] ALPHABET = "{}\",= \t\n#\\.e+-0123456789aZ_:\u00c3".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void mangledInputOnlyEverFailsWithParseErrors() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 6000; i++) {
            boolean om = (i & 1) == 1;
            byte[] b = mangle((om ? OM : TEXT).getBytes(StandardCharsets.UTF_8), r);
            ExpositionParser p = om ? new OpenMetricsParser(b) : new PromTextParser(b);
            try {
                for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
                    if (e == Entry.SERIES) {
                        p.labels();
                        p.exemplarLabels();
                        p.seriesKey();
                        p.metricName();
                    } else if (e == Entry.HELP) {
                        p.help();
                    }
                }
                FamilyParser.parse(om ? new OpenMetricsParser(b) : new PromTextParser(b));
            } catch (ExpositionParseException expected) {
                assertTrue(expected.line() >= 1, expected.getMessage());
            } catch (RuntimeException ex) {
                throw new AssertionError("unexpected " + ex + " on input:\n" + new String(b, StandardCharsets.UTF_8), ex);
            }
        }
    }

    @Test
    void mangledProtobufOnlyEverFailsWithParseErrors() {
        byte[] good = ProtobufFormat.encodeDelimited(WritersTest.FAMILIES);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            byte[] b = good.clone();
            for (int k = r.nextInt(1, 4); k > 0; k--) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            try {
                ProtobufFormat.decodeDelimited(b);
            } catch (ExpositionParseException expected) {
                // fine
            } catch (RuntimeException ex) {
                throw new AssertionError("unexpected " + ex, ex);
            }
        }
    }

    private static byte[] mangle(byte[] in, SplittableRandom r) {
        byte[] b = in;
        for (int k = r.nextInt(1, 4); k > 0; k--) {
            int at = r.nextInt(b.length);
            byte c = ALPHABET[r.nextInt(ALPHABET.length)];
            switch (r.nextInt(3)) {
                case 0 -> b[at] = c;
                case 1 -> {
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, at);
                    n[at] = c;
                    System.arraycopy(b, at, n, at + 1, b.length - at);
                    b = n;
                }
                default -> {
                    byte[] n = new byte[b.length - 1];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + 1, n, at, b.length - at - 1);
                    b = n;
                }
            }
        }
        return b;
    }
}
