package dev.pharos.exposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.MetricData.Bucket;
import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufFormatTest {

    /** MetricFamily{name:"a", type:GAUGE, metric:[{label:[{name:"k",value:"v"}], gauge:{value:1}, timestamp_ms:5}]}. */
    private static final byte[] GAUGE_BYTES = {
        0x1c, // length of the family: 28 bytes
        0x0a, 0x01, 'a', // name
        0x18, 0x01, // type GAUGE
        0x22, 0x15, // metric, 21 bytes
        0x0a, 0x06, 0x0a, 0x01, 'k', 0x12, 0x01, 'v', // label k=v
        0x12, 0x09, 0x09, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f, // gauge {value: 1.0}
        0x30, 0x05 // timestamp_ms 5
    };

    @Test
    void encodesTheWireBytesOfTheProto() {
        MetricFamilyData f = new MetricFamilyData("a", null, MetricType.GAUGE,
                List.of(MetricData.simple(Labels.of("k", "v"), 1).withTimestamp(5)));
        assertArrayEquals(GAUGE_BYTES, ProtobufFormat.encodeDelimited(List.of(f)));
    }

    @Test
    void decodesTheWireBytes() throws Exception {
        List<MetricFamilyData> fams = ProtobufFormat.decodeDelimited(GAUGE_BYTES);
        assertEquals(1, fams.size());
        MetricFamilyData f = fams.get(0);
        assertEquals("a", f.name());
        assertEquals(null, f.help());
        assertEquals(MetricType.GAUGE, f.type());
        assertEquals(Labels.of("k", "v"), f.metrics().get(0).labels());
        assertEquals(1.0, f.metrics().get(0).value());
        assertEquals(5L, f.metrics().get(0).timestampMs());
    }

    @Test
    void roundTripsEveryKind() throws Exception {
        List<MetricFamilyData> fams = new java.util.ArrayList<>(WritersTest.FAMILIES);
        fams.add(new MetricFamilyData("float_counts", "h", MetricType.HISTOGRAM, "seconds", List.of(
                MetricData.histogram(Labels.of("x", "y"), 2.5, -1, List.of(new Bucket(-1, 0.5), new Bucket(2, 2.5))))));
        fams.add(new MetricFamilyData("gh", "", MetricType.GAUGEHISTOGRAM, List.of(
                MetricData.histogram(Labels.EMPTY, 3, 3, List.of(new Bucket(1, 3))))));
        fams.add(new MetricFamilyData("nan", "n", MetricType.UNKNOWN, List.of(
                MetricData.simple(Labels.EMPTY, Double.NaN).withTimestamp(-7))));
        byte[] enc = ProtobufFormat.encodeDelimited(fams);
        assertEquals(fams, ProtobufFormat.decodeDelimited(enc));
    }

    @Test
    void skipsUnknownFields() throws Exception {
        // The gauge family with an extra field 9 (varint) and field 10 (fixed32) appended to it.
        byte[] extra = {0x48, 0x07, 0x55, 1, 2, 3, 4};
        byte[] b = Arrays.copyOf(GAUGE_BYTES, GAUGE_BYTES.length + extra.length);
        System.arraycopy(extra, 0, b, GAUGE_BYTES.length, extra.length);
        b[0] = (byte) (GAUGE_BYTES[0] + extra.length);
        assertEquals(ProtobufFormat.decodeDelimited(GAUGE_BYTES), ProtobufFormat.decodeDelimited(b));
    }

    @Test
    void truncatedInputFails() {
        byte[] cut = Arrays.copyOf(GAUGE_BYTES, GAUGE_BYTES.length - 3);
        ExpositionParseException e = assertThrows(ExpositionParseException.class,
                () -> ProtobufFormat.decodeDelimited(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
