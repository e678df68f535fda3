package dev.pharos.discovery;

import dev.pharos.config.AlertmanagerConfig;
import dev.pharos.config.FileSdConfig;
import dev.pharos.config.ScrapeConfig;
import dev.pharos.config.StaticConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * All discovery of one scrape job (or Alertmanager set): its static configs and one
 * {@link FileDiscovery} per file_sd config. Sources are prefixed so that they are unique
 * across mechanisms: {@code static_configs/0}, {@code file_sd_configs/1/<path>:<index>}.
 * The caller polls; not thread-safe.
 */
public final class TargetDiscovery {

    private final List<TargetGroup> statics = new ArrayList<>();
    private final List<FileDiscovery> files = new ArrayList<>();
    private final Map<String, TargetGroup> current = new LinkedHashMap<>();
    private boolean started;

    public TargetDiscovery(List<StaticConfig> staticConfigs, List<FileSdConfig> fileSdConfigs, LongSupplier nanoClock) {
        for (TargetGroup g : StaticDiscovery.groups(staticConfigs)) {
            statics.add(new TargetGroup(g.targets(), g.groupLabels(), "static_configs/" + g.source()));
        }
        for (FileSdConfig f : fileSdConfigs) {
            files.add(new FileDiscovery(f.files(), f.refreshInterval(), nanoClock));
        }
    }

    public static TargetDiscovery of(ScrapeConfig cfg) {
        return new TargetDiscovery(cfg.staticConfigs(), cfg.fileSdConfigs(), System::nanoTime);
    }

    public static TargetDiscovery of(AlertmanagerConfig cfg) {
        return new TargetDiscovery(cfg.staticConfigs(), cfg.fileSdConfigs(), System::nanoTime);
    }

    /** Groups that changed since the last call (all static groups on the first call). */
    public List<TargetGroup> poll() {
        List<TargetGroup> changed = new ArrayList<>();
        if (!started) {
            started = true;
            changed.addAll(statics);
        }
        for (int i = 0; i < files.size(); i++) {
            for (TargetGroup g : files.get(i).poll()) {
                changed.add(new TargetGroup(g.targets(), g.groupLabels(), "file_sd_configs/" + i + "/" + g.source()));
            }
        }
        for (TargetGroup g : changed) {
            if (g.targets().isEmpty()) {
                current.remove(g.source());
            } else {
                current.put(g.source(), g);
            }
        }
        return changed;
    }

    /** Every non-empty group currently known. */
    public List<TargetGroup> current() {
        return List.copyOf(current.values());
    }

    /** File read errors by path, across all file_sd configs. */
    public Map<String, String> errors() {
        Map<String, String> m = new TreeMap<>();
        files.forEach(f -> m.putAll(f.errors()));
        return m;
    }
}
