package dev.pharos.alertmanager.silence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Silences kept in memory only. */
public final class InMemorySilenceStore implements SilenceStore {

    private final Map<String, Silence> silences = new ConcurrentHashMap<>();

    @Override
    public Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    @Override
    public Collection<Silence> all() {
        return new ArrayList<>(silences.values());
    }

    @Override
    public void put(Silence silence) {
        silences.put(silence.id(), silence);
    }

    @Override
    public void delete(String id) {
        silences.remove(id);
    }
}
