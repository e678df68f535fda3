package dev.pharos.tsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.model.Labels;
import org.junit.jupiter.api.Test;

class DeferredStorageTest {

    @Test
    void refusesUntilOpenedThenServesTheOpenedStorage() throws Exception {
        DeferredStorage d = new DeferredStorage();
        assertFalse(d.isOpen());
        assertThrows(StorageNotReadyException.class, d::appender);
        assertThrows(StorageNotReadyException.class, () -> d.querier(0, 1));

        MemoryStorage mem = new MemoryStorage();
        d.open(mem);
        assertTrue(d.isOpen());
        Appender a = d.appender();
        a.append(0, Labels.of("__name__", "up"), 1000, 1);
        a.commit();
        try (Querier q = d.querier(0, 2000)) {
            assertEquals(1, q.select(dev.pharos.model.LabelMatcher.equal("__name__", "up")).size());
        }
    }
}
