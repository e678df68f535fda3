package dev.pharos.tsdb.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.StaleNaN;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class XorChunkTest {

    static Stream<Arguments> cases() {
        Random r = new Random(42);
        long[] regular = new long[120];
        long[] jitter = new long[120];
        long[] wild = new long[120];
        for (int i = 0; i < 120; i++) {
            regular[i] = 1_700_000_000_000L + i * 15_000L;
            jitter[i] = 1_700_000_000_000L + i * 15_000L + r.nextInt(50);
            wild[i] = (i == 0 ? -5_000_000_000L : wild[i - 1] + 1 + (long) (r.nextDouble() * (i % 7 == 0 ? 1e12 : 1e5)));
        }
        double[] special = new double[120];
        double[] pool = {0.0, -0.0, Double.NaN, StaleNaN.VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, 1.0, -1.0, 1e-300, Double.longBitsToDouble(0x7ff8000000000123L)};
        for (int i = 0; i < 120; i++) {
            special[i] = pool[i % pool.length];
        }
        double[] counter = new double[120];
        double[] gauge = new double[120];
        double[] randoms = new double[120];
        double c = 1e9;
        for (int i = 0; i < 120; i++) {
            c += r.nextInt(100_000);
            counter[i] = c;
            gauge[i] = r.nextInt(3);
            randoms[i] = Double.longBitsToDouble(r.nextLong());
        }
        return Stream.of(
                Arguments.of("regular counter", regular, counter),
                Arguments.of("jitter gauge", jitter, gauge),
                Arguments.of("special floats", regular, special),
                Arguments.of("wild timestamps random bits", wild, randoms),
                Arguments.of("single sample", new long[] {7}, new double[] {StaleNaN.VALUE}),
                Arguments.of("two samples", new long[] {-7, 100}, new double[] {1.5, StaleNaN.VALUE}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void roundTripIsBitExact(String name, long[] ts, double[] vs) {
        byte[] bytes = XorChunk.encode(ts, vs, 0, ts.length);
        XorIterator it = new XorIterator(bytes);
        assertEquals(ts.length, it.numSamples());
        for (int i = 0; i < ts.length; i++) {
            assertTrue(it.next(), "sample " + i);
            assertEquals(ts[i], it.timestamp(), "ts " + i);
            assertEquals(Double.doubleToRawLongBits(vs[i]), Double.doubleToRawLongBits(it.value()), "value " + i);
        }
        assertFalse(it.next());
        // Bulk decode agrees bit for bit.
        long[] bt = new long[ts.length];
        double[] bv = new double[ts.length];
        assertEquals(ts.length, new XorIterator(bytes).decodeAll(bt, bv));
        for (int i = 0; i < ts.length; i++) {
            assertEquals(ts[i], bt[i], "bulk ts " + i);
            assertEquals(Double.doubleToRawLongBits(vs[i]), Double.doubleToRawLongBits(bv[i]), "bulk value " + i);
        }
        // Same bytes in the middle of a direct buffer decode the same.
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 10);
        direct.position(5);
        direct.put(bytes);
        it.reset(direct, 5, bytes.length);
        for (int i = 0; i < ts.length; i++) {
            assertTrue(it.next());
            assertEquals(ts[i], it.timestamp());
            assertEquals(Double.doubleToRawLongBits(vs[i]), Double.doubleToRawLongBits(it.value()));
        }
        assertFalse(it.next());
    }

    @Test
    void staleMarkerStaysBitExactAndRegularDataIsSmall() {
        long[] ts = new long[120];
        double[] vs = new double[120];
        for (int i = 0; i < 120; i++) {
            ts[i] = i * 15_000L;
            vs[i] = i == 119 ? StaleNaN.VALUE : 1.0;
        }
        byte[] b = XorChunk.encode(ts, vs, 0, 120);
        assertTrue(b.length < 60, "size " + b.length);
        XorIterator it = new XorIterator(b);
        assertTrue(it.seek(119 * 15_000L));
        assertTrue(StaleNaN.is(it.value()));
    }

    @Test
    void seekNeverMovesBackwards() {
        long[] ts = {10, 20, 30, 40};
        double[] vs = {1, 2, 3, 4};
        XorIterator it = new XorIterator(XorChunk.encode(ts, vs, 0, 4));
        assertTrue(it.seek(25));
        assertEquals(30, it.timestamp());
        assertTrue(it.seek(5));
        assertEquals(30, it.timestamp());
        assertFalse(it.seek(41));
    }
}
