package dev.pharos.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void appendersQueriersAndMaintenanceRunTogether() throws Exception {
        MemoryStorage mem = new MemoryStorage();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Tsdb db = Tsdb.open(dir, TsdbTest.opts())) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                final int base = w * 100;
                threads.add(new Thread(() -> {
                    try {
                        long[] refs = new long[20];
                        for (long t = 0; t < 45_000; t += 100) {
                            Appender a = db.appender();
                            for (int i = 0; i < 20; i++) {
                                refs[i] = a.append(refs[i], TsdbTest.series(base + i), t, t + i);
                            }
                            a.commit();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            threads.add(new Thread(() -> {
                try {
                    for (int k = 0; k < 25; k++) {
                        Map<String, String> d = TsdbTest.dump(db, 0, 50_000);
                        assertTrue(d.size() <= 40);
                        db.maintain(0);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            db.maintain(0);
            for (int w = 0; w < 2; w++) {
                for (long t = 0; t < 45_000; t += 100) {
                    Appender a = mem.appender();
                    for (int i = 0; i < 20; i++) {
                        a.append(0, TsdbTest.series(w * 100 + i), t, t + i);
                    }
                    a.commit();
                }
            }
            assertEquals(TsdbTest.dump(mem, 0, 50_000), TsdbTest.dump(db, 0, 50_000));
            assertTrue(db.blocks().get(0).maxTime() >= 30_000, db.blocks().toString());
        }
        try (Tsdb db = Tsdb.open(dir, TsdbTest.opts())) {
            assertEquals(TsdbTest.dump(mem, 0, 50_000), TsdbTest.dump(db, 0, 50_000), "after restart");
        }
    }

    @Test
    void idleSeriesAreCollectedAndComeBackWithTheirOldRef() throws Exception {
        try (Tsdb db = Tsdb.open(dir, TsdbTest.opts())) {
            Labels idle = Labels.of("__name__", "idle");
            Labels busy = Labels.of("__name__", "busy");
            Appender a = db.appender();
            long idleRef = a.append(0, idle, 0, 1);
            a.commit();
            long busyRef = 0;
            for (long t = 0; t < 30_000; t += 1000) {
                a = db.appender();
                busyRef = a.append(busyRef, busy, t, t);
                a.commit();
            }
            db.maintain(0);
            assertEquals(1, db.headStats(10).numSeries(), "idle series collected from the head");
            a = db.appender();
            a.append(idleRef, idle, 30_000, 2); // stale ref: resolved by labels, series re-created
            a.commit();
            assertEquals(2, db.headStats(10).numSeries());
            Map<String, String> d = TsdbTest.dump(db, 0, 40_000, LabelMatcher.equal("__name__", "idle"));
            assertEquals("2:0=3ff0000000000000,30000=4000000000000000,", d.values().iterator().next());
        }
    }

    @Test
    void backfillOfRecentDataDoesNotBlockAppendsAfterRestart() throws Exception {
        Labels l = Labels.of("__name__", "m");
        try (Tsdb db = Tsdb.open(dir, TsdbTest.opts())) {
            Appender a = db.appender();
            a.append(0, l, 1000, 1);
            a.commit();
            db.backfill(List.of(new BackfillSeries(Labels.of("__name__", "imported"), new long[] {5000},
                    new double[] {7})));
        }
        try (Tsdb db = Tsdb.open(dir, TsdbTest.opts())) {
            Appender a = db.appender();
            a.append(0, l, 2000, 2); // older than the imported block's end: still fine
            a.commit();
            assertEquals("2:1000=3ff0000000000000,2000=4000000000000000,",
                    TsdbTest.dump(db, 0, 10_000, LabelMatcher.equal("__name__", "m")).values().iterator().next());
            assertEquals(2, TsdbTest.dump(db, 0, 10_000).size());
        }
    }
}
