package dev.pharos.config;

import dev.pharos.model.Labels;
import java.util.List;

/** {@code <static_config>}: target addresses and the labels common to them. */
public record StaticConfig(List<String> targets, Labels labels) {
    public StaticConfig {
        targets = List.copyOf(targets);
        labels = labels == null ? Labels.EMPTY : labels;
    }
}
