package dev.pharos.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appenders recycle their buffers at commit and rollback: interleaved, rolled back, oversized
 * and (against the contract) reused appenders must still store exactly what was committed.
 */
class HeadAppenderReuseTest {

    @TempDir
    Path dir;

    @Test
    void recycledBuffersKeepBatchesApart() throws Exception {
        try (Tsdb db = Tsdb.open(dir, TsdbTest.opts())) {
            Appender a = db.appender();
            Appender b = db.appender();
            a.append(0, TsdbTest.series(1), 100, 1);
            b.append(0, TsdbTest.series(2), 100, 2);
            b.rollback(); // b's buffers go back to the pool while a is still open
            Appender c = db.appender(); // likely gets b's buffers
            c.append(0, TsdbTest.series(3), 100, 3);
            a.append(0, TsdbTest.series(1), 200, 1.5);
            a.commit();
            c.commit();
            // A big batch grows the arrays; the next appender must not see its samples.
            Appender big = db.appender();
            for (int i = 0; i < 5000; i++) {
                big.append(0, TsdbTest.series(10 + i), 300, i);
            }
            big.rollback();
            Appender d = db.appender();
            d.append(0, TsdbTest.series(4), 300, 4);
            d.commit();
            // Used again after commit (not allowed by the contract, but must not corrupt others).
            d.append(0, TsdbTest.series(4), 400, 4.5);
            d.commit();
            db.appender().commit(); // empty

            Map<String, String> got = TsdbTest.dump(db, 0, 1000);
            assertEquals(3, got.size(), got.toString());
            assertEquals("2:", got.get(TsdbTest.series(1).toString()).substring(0, 2));
            assertEquals("1:", got.get(TsdbTest.series(3).toString()).substring(0, 2));
            assertEquals("2:", got.get(TsdbTest.series(4).toString()).substring(0, 2));
            assertEquals(null, got.get(TsdbTest.series(2).toString()));
        }
        // And the WAL agrees after a restart.
        try (Tsdb db = Tsdb.open(dir, TsdbTest.opts())) {
            Map<String, String> got = TsdbTest.dump(db, 0, 1000);
            assertEquals(3, got.size(), got.toString());
        }
    }
}
