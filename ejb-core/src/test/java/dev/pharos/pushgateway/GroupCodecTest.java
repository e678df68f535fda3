package dev.pharos.pushgateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.ExpositionParseException;
import dev.pharos.exposition.MetricData;
import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.exposition.ProtobufFormat;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GroupCodecTest {

    private static final Labels KEY = Labels.of("job", "j");

    private static Labels keep(String... pairs) {
        return Labels.fromSortedPairs(pairs);
    }

    private static MetricGroup sample() {
        TreeMap<String, MetricFamilyData> f = new TreeMap<>();
        f.put("a_gauge", new MetricFamilyData("a_gauge", "Help with \"quotes\" and ü.", MetricType.GAUGE, List.of(
                MetricData.simple(keep("instance", "", "job", "j", "x", "1"), 1.5),
                MetricData.simple(keep("instance", "", "job", "j", "x", "2"), Double.NaN),
                MetricData.simple(keep("instance", "", "job", "j", "x", "3"), -0.0),
                MetricData.simple(keep("instance", "", "job", "j", "x", "4"), Double.NEGATIVE_INFINITY))));
        f.put("b_total", new MetricFamilyData("b_total", null, MetricType.COUNTER, "seconds", List.of(
                MetricData.simple(keep("instance", "", "job", "j"), 0))));
        f.put("c", new MetricFamilyData("c", "s", MetricType.SUMMARY, List.of(MetricData.summary(
                keep("instance", "i", "job", "j"), 2.5, 7, List.of(new MetricData.Quantile(0.5, 3),
                        new MetricData.Quantile(0.99, Double.NaN))))));
        f.put("d", new MetricFamilyData("d", "h", MetricType.HISTOGRAM, List.of(MetricData.histogram(
                keep("instance", "", "job", "j"), 4, 10, List.of(new MetricData.Bucket(1, 1),
                        new MetricData.Bucket(Double.POSITIVE_INFINITY, 4))))));
        f.put("e", new MetricFamilyData("e", "", MetricType.UNKNOWN, List.of(
                MetricData.simple(keep("instance", "", "job", "j"), 3).withTimestamp(1234))));
        return new MetricGroup(KEY, f, 1000, 500, 60_000);
    }

    @Test
    void roundTripsEveryKindOfMetricExactly() throws Exception {
        MetricGroup g = sample();
        byte[] b = GroupCodec.encodeFamilies(g);
        MetricGroup back = GroupCodec.decode(KEY, b, 1000, 500, 60_000);
        assertEquals(g.families().keySet(), back.families().keySet());
        for (String name : g.families().keySet()) {
            MetricFamilyData x = g.families().get(name);
            MetricFamilyData y = back.families().get(name);
            assertEquals(x.help(), y.help(), name);
            assertEquals(x.type(), y.type(), name);
            assertEquals(x.unit(), y.unit(), name);
            assertEquals(x.metrics().size(), y.metrics().size(), name);
            for (int i = 0; i < x.metrics().size(); i++) {
                MetricData m = x.metrics().get(i);
                MetricData n = y.metrics().get(i);
                assertEquals(m.labels(), n.labels());
                assertEquals(Double.doubleToRawLongBits(m.value()), Double.doubleToRawLongBits(n.value()));
                assertEquals(m.sampleCount(), n.sampleCount());
                assertEquals(m.sampleSum(), n.sampleSum());
                assertEquals(m.quantiles(), n.quantiles());
                assertEquals(m.buckets(), n.buckets());
                assertEquals(m.hasTimestamp(), n.hasTimestamp());
                assertEquals(m.timestampMs(), n.timestampMs());
            }
        }
        assertArrayEquals(b, GroupCodec.encodeFamilies(back), "encoding is deterministic");
    }

    @Test
    void repeatedStringsAreStoredOnceSoAGroupIsSmallerThanProtobuf() throws Exception {
        StringBuilder sb = new StringBuilder("# TYPE v gauge\n");
        for (int i = 0; i < 50; i++) {
            sb.append("v{series=\"s").append(i).append("\",path=\"/api/v1/x\"} ").append(i).append('\n');
        }
        PushStore store = new PushStore();
        MetricGroup g = store.push(Labels.of("job", "bench", "instance", "h1"),
                PushBody.parse("text/plain", sb.toString().getBytes(StandardCharsets.UTF_8)), true, 1, 0,
                PushStore.Persister.NONE);
        int compact = GroupCodec.encodeFamilies(g).length;
        int proto = ProtobufFormat.encodeDelimited(List.copyOf(g.families().values())).length;
        assertTrue(compact * 2 < proto, compact + " bytes vs protobuf " + proto);
    }

    @Test
    void readsGroupsStoredAsDelimitedProtobufByEarlierVersions() throws Exception {
        MetricGroup g = sample();
        byte[] old = ProtobufFormat.encodeDelimited(List.of(g.families().get("a_gauge")));
        MetricGroup back = GroupCodec.decode(KEY, old, 1, 0, 0);
        assertEquals(g.families().get("a_gauge").metrics().get(0).labels(),
                back.families().get("a_gauge").metrics().get(0).labels());
        assertEquals(1.5, back.families().get("a_gauge").metrics().get(0).value());
    }

    @Test
    void aTruncatedCompactGroupFailsToDecode() {
        byte[] b = GroupCodec.encodeFamilies(sample());
        assertThrows(ExpositionParseException.class,
                () -> GroupCodec.decode(KEY, Arrays.copyOf(b, b.length / 2), 1, 0, 0));
    }

    @Test
    void mergeAddsGroupingLabelsAndAnEmptyInstanceInOrder() {
        assertEquals("{a=\"1\", instance=\"\", job=\"j\", z=\"2\"}",
                Names.merge(Labels.of("a", "1", "z", "2", "job", "x"), KEY).toString());
        assertEquals("{instance=\"i\", job=\"j\"}", Names.merge(Labels.of("instance", "i"), KEY).toString());
        assertEquals("{instance=\"\"}", Names.merge(Labels.EMPTY, Labels.EMPTY).toString());
        assertEquals("{a=\"1\", instance=\"\"}", Names.merge(Labels.of("a", "1"), Labels.EMPTY).toString());
    }
}
