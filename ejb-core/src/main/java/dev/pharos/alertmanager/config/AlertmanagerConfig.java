package dev.pharos.alertmanager.config;

import dev.pharos.alertmanager.TimeInterval;
import java.util.List;
import java.util.Map;

/**
 * A loaded and validated {@code alertmanager.yml}. {@link #original()} is the file text as
 * given; {@link #secretHiddenYaml()} is the configuration with every secret shown as
 * {@code <secret>}, for {@code /api/v2/status} and {@code amtool config show}.
 */
public record AlertmanagerConfig(GlobalConfig global, RouteConfig route, List<InhibitRuleConfig> inhibitRules,
        List<ReceiverConfig> receivers, List<String> templates, Map<String, List<TimeInterval>> timeIntervals,
        String original, String secretHiddenYaml) {

    public ReceiverConfig receiver(String name) {
        for (ReceiverConfig r : receivers) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
