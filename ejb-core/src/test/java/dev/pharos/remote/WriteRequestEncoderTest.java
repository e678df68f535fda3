package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.model.Labels;
import dev.pharos.model.MetricType;
import dev.pharos.scrape.MetricMetadata;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class WriteRequestEncoderTest {

    @ParameterizedTest
    @EnumSource(MetricType.class)
    void metadataRoundTripsWithEveryType(MetricType type) throws Exception {
        byte[] b = new WriteRequestEncoder().addMetadata("fam", type, "Some help.", "bytes").finish();
        assertEquals(List.of(new MetricMetadata("fam", type, "Some help.", "bytes")), MetadataDecoder.decode(b, 0, b.length));
    }

    @Test
    void prompbTypeNumbersAndFieldNumbers() {
        // MetricMetadata{type=COUNTER(1), metric_family_name="a"}: 0x1a len, 08 01, 12 01 'a'
        byte[] b = new WriteRequestEncoder().addMetadata("a", MetricType.COUNTER, "", "").finish();
        assertArrayEquals(new byte[] {0x1a, 5, 0x08, 1, 0x12, 1, 'a'}, b);
        byte[] u = new WriteRequestEncoder().addMetadata("a", MetricType.UNKNOWN, "", "").finish();
        assertArrayEquals(new byte[] {0x1a, 3, 0x12, 1, 'a'}, u, "type 0 is the default and left out");
    }

    @Test
    void preEncodedLabelsGiveTheSameBytes() {
        Labels l = Labels.of("__name__", "up", "job", "x");
        long[] ts = {1, 2};
        double[] vs = {3, 4};
        assertArrayEquals(new WriteRequestEncoder().add(l, ts, vs, 0, 2).finish(),
                new WriteRequestEncoder().add(WriteRequestEncoder.encodeLabels(l), ts, vs, 0, 2).finish());
    }

    @Test
    void finishSnappyIsTheSnappyOfFinish() throws Exception {
        WriteRequestEncoder enc = new WriteRequestEncoder();
        for (int i = 0; i < 3; i++) {
            enc.reset();
            for (int k = 0; k <= i * 500; k++) {
                enc.add(Labels.of("__name__", "m", "k", String.valueOf(k)), k, k);
            }
            assertArrayEquals(enc.finish(), org.xerial.snappy.Snappy.uncompress(enc.finishSnappy()));
        }
    }
}
