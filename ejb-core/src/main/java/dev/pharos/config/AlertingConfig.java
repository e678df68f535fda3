package dev.pharos.config;

import dev.pharos.relabel.RelabelConfig;
import java.util.List;

/** {@code alerting}: relabeling of outgoing alerts and the Alertmanagers to send them to. */
public record AlertingConfig(List<RelabelConfig> alertRelabelConfigs, List<AlertmanagerConfig> alertmanagers) {
    public static final AlertingConfig EMPTY = new AlertingConfig(List.of(), List.of());
}
