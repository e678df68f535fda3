package dev.pharos.alertmanager.silence;

import java.util.Collection;
import java.util.Optional;

/**
 * Where silences live. The engine keeps every change here; the lead's JPA implementation
 * makes them survive restarts and shares them between instances.
 */
public interface SilenceStore {

    Optional<Silence> get(String id);

    Collection<Silence> all();

    /** Inserts or replaces by id. */
    void put(Silence silence);

    void delete(String id);
}
