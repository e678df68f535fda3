package dev.pharos.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.tsdb.MemoryStorage;
import dev.pharos.tsdb.Querier;
import dev.pharos.tsdb.SampleIterator;
import dev.pharos.tsdb.Series;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteWriteHandlerTest {

    private static long[] times(Series s) {
        SampleIterator it = s.iterator();
        long[] out = new long[0];
        while (it.next()) {
            out = Arrays.copyOf(out, out.length + 1);
            out[out.length - 1] = it.timestamp();
        }
        return out;
    }

    @Test
    void writtenSamplesAreStoredAndCounted() throws Exception {
        MemoryStorage st = new MemoryStorage();
        byte[] body = new WriteRequestEncoder()
                .add(Labels.of("__name__", "up", "job", "a"), new long[] {1000, 2000, 3000}, new double[] {1, 0, 1}, 0, 3)
                .add(Labels.of("__name__", "up", "job", "b"), 1000, 5.5)
                .finish();
        RemoteWriteHandler.Result r = new RemoteWriteHandler(st).write(body, 0, body.length);
        assertEquals(2, r.series());
        assertEquals(4, r.samples());
        assertEquals(0, r.rejected());
        try (Querier q = st.querier(0, 10_000)) {
            List<Series> ss = q.select(LabelMatcher.equal("__name__", "up"));
            assertEquals(2, ss.size());
            assertEquals(Labels.of("__name__", "up", "job", "a"), ss.get(0).labels());
            assertArrayEquals(new long[] {1000, 2000, 3000}, times(ss.get(0)));
        }
    }

    @Test
    void unsortedLabelsAreSortedAndEmptyValuesDropped() throws Exception {
        ProtoWriter w = new ProtoWriter(64);
        w.begin(1);
        for (String[] l : new String[][] {{"job", "x"}, {"__name__", "m"}, {"empty", ""}}) {
            w.begin(1);
            w.stringField(1, l[0]);
            w.stringField(2, l[1]);
            w.end();
        }
        w.begin(2);
        w.doubleField(1, 2);
        w.int64Field(2, 7);
        w.end();
        w.end();
        Labels[] seen = new Labels[1];
        new WriteRequestDecoder().decode(w.buffer(), 0, w.size(), new WriteRequestDecoder.Sink() {
            @Override
            public void series(Labels labels) {
                seen[0] = labels;
            }

            @Override
            public void sample(long t, double v) {
                assertEquals(7, t);
                assertEquals(2.0, v);
            }
        });
        assertEquals(Labels.of("__name__", "m", "job", "x"), seen[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 9, 17})
    void truncatedBodiesAreRejectedAndStoreNothing(int cut) throws Exception {
        MemoryStorage st = new MemoryStorage();
        byte[] body = new WriteRequestEncoder()
                .add(Labels.of("__name__", "a"), 1, 1)
                .add(Labels.of("__name__", "b"), 1, 1)
                .finish();
        byte[] bad = Arrays.copyOf(body, body.length - cut);
        assertThrows(MalformedProtobufException.class, () -> new RemoteWriteHandler(st).write(bad, 0, bad.length));
        assertEquals(0, st.seriesCount());
    }

    @Test
    void garbageIsRejected() {
        byte[] junk = "hello, this is not protobuf".getBytes();
        assertThrows(MalformedProtobufException.class,
                () -> new RemoteWriteHandler(new MemoryStorage()).write(junk, 0, junk.length));
    }

    @Test
    void outOfOrderSamplesAreCountedAndTheRestIsKept() throws Exception {
        MemoryStorage st = new MemoryStorage();
        Labels l = Labels.of("__name__", "c");
        byte[] first = new WriteRequestEncoder().add(l, 5000, 1).finish();
        new RemoteWriteHandler(st).write(first, 0, first.length);
        byte[] second = new WriteRequestEncoder().add(l, new long[] {4000, 6000}, new double[] {2, 3}, 0, 2).finish();
        RemoteWriteHandler.Result r = new RemoteWriteHandler(st).write(second, 0, second.length);
        assertEquals(1, r.rejected());
        assertTrue(r.firstError().startsWith("out of order sample"), r.firstError());
        try (Querier q = st.querier(0, 10_000)) {
            assertArrayEquals(new long[] {5000, 6000}, times(q.select(LabelMatcher.equal("__name__", "c")).get(0)));
        }
    }
}
