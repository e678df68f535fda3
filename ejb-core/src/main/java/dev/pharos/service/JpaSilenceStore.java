package dev.pharos.service;

import dev.pharos.alertmanager.silence.Silence;
import dev.pharos.alertmanager.silence.SilenceStore;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.MatchType;
import dev.pharos.persistence.AlertmanagerRepository;
import dev.pharos.persistence.SilenceRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Silences in the database, with an in-memory copy: the engine consults silences for every
 * alert on every flush, which must not cost a query each. Writes go to the database first;
 * {@link #refresh()} (called every few seconds) picks up what other instances changed.
 */
final class JpaSilenceStore implements SilenceStore {

    private final AlertmanagerRepository repo;
    private volatile Map<String, Silence> cache = new ConcurrentHashMap<>();

    JpaSilenceStore(AlertmanagerRepository repo) {
        this.repo = repo;
        refresh();
    }

    /** Reloads every silence from the database. */
    void refresh() {
        Map<String, Silence> fresh = new ConcurrentHashMap<>();
        for (SilenceRecord r : repo.silences()) {
            fresh.put(r.id(), fromRecord(r));
        }
        cache = fresh;
    }

    @Override
    public Optional<Silence> get(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    @Override
    public Collection<Silence> all() {
        return new ArrayList<>(cache.values());
    }

    @Override
    public void put(Silence s) {
        repo.putSilence(new SilenceRecord(s.id(), encode(s.matchers()), s.startsAt(), s.endsAt(), s.updatedAt(),
                s.createdBy(), s.comment()));
        cache.put(s.id(), s);
    }

    @Override
    public void delete(String id) {
        repo.deleteSilence(id);
        cache.remove(id);
    }

    static Silence fromRecord(SilenceRecord r) {
        return new Silence(r.id(), decode(r.matchers()), r.startsAt(), r.endsAt(), r.updatedAt(), r.createdBy(),
                r.comment());
    }

    /** One matcher per line: type symbol, name, value separated by tabs; \, tab and newline escaped. */
    static String encode(List<LabelMatcher> matchers) {
        StringBuilder sb = new StringBuilder();
        for (LabelMatcher m : matchers) {
            sb.append(m.type().symbol()).append('\t');
            escape(sb, m.name());
            sb.append('\t');
            escape(sb, m.value());
            sb.append('\n');
        }
        return sb.toString();
    }

    static List<LabelMatcher> decode(String text) {
        List<LabelMatcher> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new LabelMatcher(type(f[0]), unescape(f[1]), unescape(f[2])));
        }
        return out;
    }

    private static MatchType type(String symbol) {
        for (MatchType t : MatchType.values()) {
            if (t.symbol().equals(symbol)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown matcher type " + symbol);
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
