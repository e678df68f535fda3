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
        // Delta-of-delta at both ends of every bucket: +64, +8192, +524288 are the positive edges.
        long[] dods = {64, -63, 65, -64, 8192, -8191, 8193, -8192, 524288, -524287, 524289, -524288, 0, 1};
        long[] edges = new long[dods.length + 2];
        double[] edgeValues = new double[edges.length];
        long d = 1_000_000;
        edges[1] = d;
        for (int i = 0; i < dods.length; i++) {
            d += dods[i];
            edges[i + 2] = edges[i + 1] + d;
        }
        return Stream.of(
                Arguments.of("delta-of-delta bucket edges", edges, edgeValues),
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
    /**
     * Bulk decode (with its fast path for runs of unchanged samples) against the per-sample
     * iterator, on random mixes of idle runs, jitter, big timestamp jumps, NaN and stale markers,
     * at every length up to a few hundred and at the very end of a direct buffer (tail loads).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bulkDecodeEqualsIteratorOnRandomData(long seed) {
        Random r = new Random(seed);
        for (int round = 0; round < 40; round++) {
            int n = 1 + r.nextInt(round < 20 ? 140 : 400);
            long[] ts = new long[n];
            double[] vs = new double[n];
            long t = r.nextLong() >> 20;
            long step = 1 + r.nextInt(30_000);
            double v = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(100);
                if (kind < 3) {
                    t += step + 1 + (long) (r.nextDouble() * 1e12); // big jump: 64-bit delta of delta
                } else if (kind < 10) {
                    t += step + 1 + r.nextInt(70_000);
                } else {
                    t += step; // regular: a zero delta of delta
                }
                if (kind >= 60) {
                    // unchanged value: long idle runs
                } else if (kind >= 50) {
                    v = Double.NaN;
                } else if (kind >= 45) {
                    v = StaleNaN.VALUE;
                } else if (kind >= 30) {
                    v = Double.longBitsToDouble(r.nextLong());
                } else {
                    v = r.nextInt(1000) + (r.nextBoolean() ? 0.25 : 0);
                }
                ts[i] = t;
                vs[i] = v;
            }
            byte[] bytes = XorChunk.encode(ts, vs, 0, n);
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3);
            direct.position(3);
            direct.put(bytes);
            long[] bt = new long[n];
            double[] bv = new double[n];
            assertEquals(n, new XorIterator().reset(direct, 3, bytes.length).decodeAll(bt, bv));
            XorIterator it = new XorIterator(bytes);
            for (int i = 0; i < n; i++) {
                assertTrue(it.next());
                assertEquals(ts[i], it.timestamp(), "ts " + i);
                assertEquals(it.timestamp(), bt[i], "bulk ts " + i + " of " + n);
                assertEquals(it.valueBits(), Double.doubleToRawLongBits(bv[i]), "bulk value " + i + " of " + n);
            }
            assertFalse(it.next());
        }
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }
}
