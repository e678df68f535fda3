package dev.pharos.discovery;

import dev.pharos.config.StaticConfig;
import dev.pharos.model.Labels;
import java.util.ArrayList;
import java.util.List;

/** {@code static_configs}: one target group per entry, with the entry's index as source. */
public final class StaticDiscovery {

    public static final String ADDRESS_LABEL = "__address__";

    private StaticDiscovery() {
    }

    public static List<TargetGroup> groups(List<StaticConfig> configs) {
        List<TargetGroup> out = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            out.add(toGroup(configs.get(i), Integer.toString(i)));
        }
        return out;
    }

    static TargetGroup toGroup(StaticConfig sc, String source) {
        List<Labels> targets = new ArrayList<>(sc.targets().size());
        for (String t : sc.targets()) {
            targets.add(Labels.of(ADDRESS_LABEL, t));
        }
        return new TargetGroup(targets, sc.labels(), source);
    }
}
