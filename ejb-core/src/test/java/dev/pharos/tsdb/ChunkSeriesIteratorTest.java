package dev.pharos.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pharos.model.StaleNaN;
import dev.pharos.tsdb.chunk.XorChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The iterator over a series' chunks against a plain filtered list: random chunk splits, query
 * ranges cutting chunks at both ends, tombstones, and random mixes of next() and seek().
 */
class ChunkSeriesIteratorTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void matchesFilteredSamples(long seed) {
        Random r = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(600);
            long[] ts = new long[n];
            double[] vs = new double[n];
            long t = r.nextInt(1000) - 500;
            for (int i = 0; i < n; i++) {
                t += r.nextInt(10) == 0 ? 1 + r.nextInt(100_000) : 15_000;
                ts[i] = t;
                vs[i] = r.nextInt(20) == 0 ? StaleNaN.VALUE : r.nextInt(4);
            }
            List<ChunkDesc> chunks = new ArrayList<>();
            for (int from = 0; from < n; ) {
                int to = Math.min(n, from + 1 + r.nextInt(150));
                chunks.add(ChunkDesc.ofBytes(XorChunk.encode(ts, vs, from, to), ts[from], ts[to - 1]));
                from = to;
            }
            long span = ts[n - 1] - ts[0];
            long mint = ts[0] - 1000 + (long) (r.nextDouble() * span * 0.6);
            long maxt = mint + (long) (r.nextDouble() * span);
            long[] tomb = null;
            if (r.nextInt(4) == 0) {
                long a = ts[r.nextInt(n)];
                tomb = new long[] {a, a + r.nextInt(200_000)};
            }
            List<long[]> want = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean deleted = tomb != null && ts[i] >= tomb[0] && ts[i] <= tomb[1];
                if (ts[i] >= mint && ts[i] <= maxt && !deleted) {
                    want.add(new long[] {ts[i], Double.doubleToRawLongBits(vs[i])});
                }
            }
            SampleIterator it = new ChunkSeriesIterator(chunks.toArray(new ChunkDesc[0]), mint, maxt, tomb);
            int k = 0; // index into want of the expected next sample
            while (true) {
                if (r.nextInt(8) == 0) {
                    long target = mint - 20_000 + (long) (r.nextDouble() * (maxt - mint + 40_000));
                    int expect = k;
                    // seek never moves backwards: it stays on the current sample if that is >= target
                    int from = Math.max(0, k - 1);
                    expect = from;
                    while (expect < want.size() && want.get(expect)[0] < target) {
                        expect++;
                    }
                    if (k > 0 && want.get(k - 1)[0] >= target) {
                        expect = k - 1;
                    }
                    boolean ok = it.seek(target);
                    assertEquals(expect < want.size(), ok, "seek " + target + " round " + round);
                    if (!ok) {
                        assertFalse(it.next());
                        break;
                    }
                    assertEquals(want.get(expect)[0], it.timestamp());
                    assertEquals(want.get(expect)[1], Double.doubleToRawLongBits(it.value()));
                    k = expect + 1;
                } else {
                    boolean ok = it.next();
                    assertEquals(k < want.size(), ok, "next at " + k + " round " + round);
                    if (!ok) {
                        assertFalse(it.next());
                        break;
                    }
                    assertEquals(want.get(k)[0], it.timestamp(), "ts at " + k);
                    assertEquals(want.get(k)[1], Double.doubleToRawLongBits(it.value()), "value at " + k);
                    k++;
                }
            }
        }
    }
}
