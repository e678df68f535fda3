package dev.pharos.config;

import java.util.List;

/** {@code otlp}: settings of the OTLP receiver. */
public record OtlpConfig(
        List<String> promoteResourceAttributes,
        boolean promoteAllResourceAttributes,
        List<String> ignoreResourceAttributes,
        String translationStrategy,
        boolean keepIdentifyingResourceAttributes,
        boolean convertHistogramsToNhcb,
        boolean promoteScopeMetadata,
        boolean labelNameUnderscoreSanitization,
        boolean labelNamePreserveMultipleUnderscores) {

    public static final OtlpConfig DEFAULT = new OtlpConfig(List.of(), false, List.of(),
            "UnderscoreEscapingWithSuffixes", false, false, false, true, true);
}
