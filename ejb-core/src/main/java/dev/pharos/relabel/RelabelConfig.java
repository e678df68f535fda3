package dev.pharos.relabel;

import dev.pharos.model.GoRegex;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One relabeling rule, as {@code <relabel_config>} in prometheus.yml. Immutable; equality is
 * by value so that unchanged scrape configs compare equal across reloads.
 *
 * @param sourceLabels   labels whose values are joined with {@code separator}
 * @param separator      default {@code ;}
 * @param regex          matched against the joined value, anchored at both ends; default {@code (.*)}
 * @param modulus        for {@code hashmod}
 * @param targetLabel    label written by replace, hashmod, lowercase, uppercase; compared by keepequal/dropequal
 * @param replacement    default {@code $1}; may reference groups as Go's Regexp.Expand
 * @param action         default {@code replace}
 * @param nameValidation the scheme that decides whether a computed target label name is valid
 */
public record RelabelConfig(
        List<String> sourceLabels,
        String separator,
        GoRegex regex,
        long modulus,
        String targetLabel,
        String replacement,
        RelabelAction action,
        NameValidation nameValidation) {

    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REGEX = "(.*)";
    public static final String DEFAULT_REPLACEMENT = "$1";
    public static final GoRegex DEFAULT_GO_REGEX = GoRegex.compile(DEFAULT_REGEX);

    /** Prometheus's relabelTargetLegacy: a label name that may contain $1 / ${name} references. */
    private static final Pattern LEGACY_TARGET_WITH_VARS =
            Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");
    private static final Pattern VAR_IN_TEMPLATE = Pattern.compile("\\$\\{?\\w+\\}?");

    public RelabelConfig {
        sourceLabels = sourceLabels == null ? List.of() : List.copyOf(sourceLabels);
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(regex, "regex");
        targetLabel = targetLabel == null ? "" : targetLabel;
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(action, "action");
        nameValidation = nameValidation == null ? NameValidation.UTF8 : nameValidation;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().sourceLabels(sourceLabels).separator(separator).regex(regex)
                .modulus(modulus).targetLabel(targetLabel).replacement(replacement).action(action)
                .nameValidation(nameValidation);
    }

    /** The same rule judged under another name validation scheme. */
    public RelabelConfig withNameValidation(NameValidation scheme) {
        return scheme == nameValidation ? this : toBuilder().nameValidation(scheme).build();
    }

    /**
     * Checks the rule as Prometheus's {@code relabel.Config.Validate} does.
     *
     * @throws IllegalArgumentException with Prometheus's message
     */
    public void validate() {
        NameValidation scheme = nameValidation;
        String a = action.configName();
        if (modulus == 0 && action == RelabelAction.HASHMOD) {
            throw new IllegalArgumentException("relabel configuration for hashmod requires non-zero modulus");
        }
        boolean needsTarget = switch (action) {
            case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
            default -> false;
        };
        if (needsTarget && targetLabel.isEmpty()) {
            throw new IllegalArgumentException(
                    "relabel configuration for " + a + " action requires 'target_label' value");
        }
        if (action == RelabelAction.REPLACE) {
            boolean ok = hasVariable(targetLabel)
                    ? validWithVars(targetLabel, scheme)
                    : scheme.isValidLabelName(targetLabel);
            if (!ok) {
                throw invalid("target_label", targetLabel);
            }
        }
        boolean plainTarget = switch (action) {
            case LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL, HASHMOD -> true;
            default -> false;
        };
        if (plainTarget && !scheme.isValidLabelName(targetLabel)) {
            throw invalid("target_label", targetLabel);
        }
        boolean noReplacement = switch (action) {
            case LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
            default -> false;
        };
        if (noReplacement && !replacement.equals(DEFAULT_REPLACEMENT)) {
            throw new IllegalArgumentException("'replacement' can not be set for " + a + " action");
        }
        if (action == RelabelAction.LABELMAP && !validWithVars(replacement, scheme)) {
            throw invalid("replacement", replacement);
        }
        if (action == RelabelAction.KEEPEQUAL || action == RelabelAction.DROPEQUAL) {
            if (!regex.expr().equals(DEFAULT_REGEX) || modulus != 0
                    || !separator.equals(DEFAULT_SEPARATOR) || !replacement.equals(DEFAULT_REPLACEMENT)) {
                throw new IllegalArgumentException(
                        a + " action requires only 'source_labels' and `target_label`, and no other fields");
            }
        }
        if (action == RelabelAction.LABELDROP || action == RelabelAction.LABELKEEP) {
            if (!sourceLabels.isEmpty() || !targetLabel.isEmpty() || modulus != 0
                    || !separator.equals(DEFAULT_SEPARATOR) || !replacement.equals(DEFAULT_REPLACEMENT)) {
                throw new IllegalArgumentException(a + " action requires only 'regex', and no other fields");
            }
        }
    }

    private IllegalArgumentException invalid(String field, String value) {
        return new IllegalArgumentException(
                "\"" + value + "\" is invalid '" + field + "' for " + action.configName() + " action");
    }

    static boolean hasVariable(String template) {
        return VAR_IN_TEMPLATE.matcher(template).find();
    }

    private static boolean validWithVars(String value, NameValidation scheme) {
        // Under UTF-8 any name is fine, $ included; legacy names may embed $1 / ${name}.
        return scheme == NameValidation.UTF8
                ? scheme.isValidLabelName(value)
                : LEGACY_TARGET_WITH_VARS.matcher(value).matches();
    }

    /** Mutable builder starting from Prometheus's defaults. */
    public static final class Builder {
        private List<String> sourceLabels = List.of();
        private String separator = DEFAULT_SEPARATOR;
        private GoRegex regex = DEFAULT_GO_REGEX;
        private long modulus;
        private String targetLabel = "";
        private String replacement = DEFAULT_REPLACEMENT;
        private RelabelAction action = RelabelAction.REPLACE;
        private NameValidation nameValidation = NameValidation.UTF8;

        public Builder sourceLabels(List<String> v) {
            sourceLabels = v;
            return this;
        }

        public Builder sourceLabels(String... v) {
            sourceLabels = List.of(v);
            return this;
        }

        public Builder separator(String v) {
            separator = v;
            return this;
        }

        public Builder regex(GoRegex v) {
            regex = v;
            return this;
        }

        public Builder regex(String v) {
            regex = GoRegex.compile(v);
            return this;
        }

        public Builder modulus(long v) {
            modulus = v;
            return this;
        }

        public Builder targetLabel(String v) {
            targetLabel = v;
            return this;
        }

        public Builder replacement(String v) {
            replacement = v;
            return this;
        }

        public Builder action(RelabelAction v) {
            action = v;
            return this;
        }

        public Builder nameValidation(NameValidation v) {
            nameValidation = v;
            return this;
        }

        public RelabelConfig build() {
            return new RelabelConfig(sourceLabels, separator, regex, modulus, targetLabel,
                    replacement, action, nameValidation);
        }
    }
}
