package dev.pharos.discovery;

import dev.pharos.config.ConfigException;
import dev.pharos.config.ConfigLoader;
import dev.pharos.config.FileSdConfig;
import dev.pharos.config.Globs;
import dev.pharos.config.StaticConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * {@code file_sd_configs}: target groups read from JSON or YAML files matching the patterns.
 *
 * <p>Not a thread: the caller (an EJB timer) calls {@link #poll()} often; it re-reads when a
 * matching file appeared, vanished or changed (size or modification time), and in any case
 * every {@code refresh_interval}, as Prometheus's fallback re-read. Each read returns only the
 * groups that changed; groups of a vanished file (or trailing groups a file no longer has)
 * come back empty, so the consumer drops them. A file with invalid content keeps its previous
 * groups and its error is reported through {@link #errors()}. Group labels get
 * {@code __meta_filepath}. Not thread-safe: one caller at a time.
 */
public final class FileDiscovery {

    private static final System.Logger LOG = System.getLogger(FileDiscovery.class.getName());
    public static final String FILEPATH_LABEL = "__meta_filepath";

    private final List<String> patterns;
    private final long refreshNanos;
    private final LongSupplier nanoClock;

    /** Current groups by source, in file then index order. */
    private final Map<String, TargetGroup> groups = new LinkedHashMap<>();
    /** Number of groups last read from each file. */
    private final Map<Path, Integer> groupCounts = new TreeMap<>();
    /** Size and mtime of each matching file at the last read. */
    private Map<Path, String> stamps = Map.of();
    private final Map<String, String> errors = new TreeMap<>();
    private long lastRefresh;
    private boolean refreshed;

    public FileDiscovery(FileSdConfig config) {
        this(config.files(), config.refreshInterval(), System::nanoTime);
    }

    /** @param nanoClock monotonic time in nanoseconds (tests pass a fake) */
    public FileDiscovery(List<String> patterns, Duration refreshInterval, LongSupplier nanoClock) {
        this.patterns = List.copyOf(patterns);
        this.refreshNanos = refreshInterval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock);
    }

    /**
     * Re-reads when due (first call, refresh interval elapsed, or files changed on disk).
     *
     * @return the groups that changed, empty when nothing did
     */
    public List<TargetGroup> poll() {
        long now = nanoClock.getAsLong();
        if (!refreshed || now - lastRefresh >= refreshNanos || !stampFiles().equals(stamps)) {
            return refresh();
        }
        return List.of();
    }

    /** Re-reads every matching file now and returns the groups that changed. */
    public List<TargetGroup> refresh() {
        lastRefresh = nanoClock.getAsLong();
        refreshed = true;
        Map<Path, String> newStamps = stampFiles();
        List<TargetGroup> changed = new ArrayList<>();
        Map<Path, Integer> newCounts = new TreeMap<>();
        for (Path p : newStamps.keySet()) {
            List<TargetGroup> read;
            try {
                read = readFile(p);
                errors.remove(p.toString());
            } catch (ConfigException | IOException e) {
                String msg = e instanceof ConfigException ce ? ce.getMessage() : "reading " + p + ": " + e;
                errors.put(p.toString(), msg);
                LOG.log(System.Logger.Level.ERROR, "Error reading file_sd file, keeping its previous targets: " + msg);
                // Keep the previous groups of this file: prevent their deletion below.
                newCounts.put(p, groupCounts.getOrDefault(p, 0));
                continue;
            }
            for (TargetGroup g : read) {
                if (!g.equals(groups.get(g.source()))) {
                    groups.put(g.source(), g);
                    changed.add(g);
                }
            }
            newCounts.put(p, read.size());
        }
        for (Map.Entry<Path, Integer> e : groupCounts.entrySet()) {
            int now = newCounts.getOrDefault(e.getKey(), 0);
            for (int i = now; i < e.getValue(); i++) {
                String source = source(e.getKey(), i);
                groups.remove(source);
                changed.add(TargetGroup.empty(source));
            }
            if (!newCounts.containsKey(e.getKey())) {
                errors.remove(e.getKey().toString());
            }
        }
        groupCounts.clear();
        groupCounts.putAll(newCounts);
        stamps = newStamps;
        return changed;
    }

    /** All groups currently known. */
    public List<TargetGroup> current() {
        return List.copyOf(groups.values());
    }

    /** The last read error of each file that currently fails, by path. */
    public Map<String, String> errors() {
        return Collections.unmodifiableMap(new TreeMap<>(errors));
    }

    private Map<Path, String> stampFiles() {
        Map<Path, String> m = new TreeMap<>();
        for (String pattern : patterns) {
            for (Path p : Globs.expand(pattern)) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        m.put(p, a.size() + "@" + a.lastModifiedTime().toMillis());
                    }
                } catch (IOException e) {
                    // Vanished between listing and stat: treated as absent.
                }
            }
        }
        return m;
    }

    private static String source(Path p, int i) {
        return p + ":" + i;
    }

    /**
     * JSON is read with the YAML parser (JSON is YAML 1.2 flow syntax), except that YAML 1.1
     * lacks the JSON escape {@code \/}: it is replaced by {@code /} inside strings.
     */
    static String unescapeSlashes(String json) {
        if (json.indexOf("\\/") < 0) {
            return json;
        }
        StringBuilder sb = new StringBuilder(json.length());
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString && c == '\\' && i + 1 < json.length()) {
                char next = json.charAt(i + 1);
                if (next != '/') {
                    sb.append(c);
                }
                sb.append(next);
                i++;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Reads one target file; the format follows the extension as in Prometheus. */
    static List<TargetGroup> readFile(Path p) throws IOException, ConfigException {
        String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".yml") && !name.endsWith(".yaml")) {
            throw new ConfigException(p.toString(), 0, "", "retrieving target groups: unknown extension");
        }
        String content = Files.readString(p, StandardCharsets.UTF_8);
        if (json) {
            content = unescapeSlashes(content);
        }
        List<StaticConfig> configs = ConfigLoader.parseTargetGroups(content, p.toString(), !json);
        List<TargetGroup> out = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            StaticConfig sc = configs.get(i);
            StaticConfig withPath = new StaticConfig(sc.targets(),
                    sc.labels().toBuilder().set(FILEPATH_LABEL, p.toString()).build());
            out.add(StaticDiscovery.toGroup(withPath, source(p, i)));
        }
        return out;
    }
}
