package dev.pharos.alertmanager.config;

import java.util.List;

/** A named receiver and its integrations in configuration order (by type, then index). */
public record ReceiverConfig(String name, List<IntegrationConfig> integrations, int line) {
}
