package dev.pharos.template;

import java.util.List;
import java.util.Map;

/**
 * Alerting-rule label and annotation templates the way Prometheus expands them: the template
 * runs as {@code __alert_<name>} with {@link #DEFS} prepended (so $labels, $externalLabels,
 * $externalURL and $value exist), missingkey=zero, and any error is rendered in place as
 * {@code <error expanding template: ...>} instead of being thrown.
 */
public final class PrometheusTemplates {
    private PrometheusTemplates() {
    }

    /** The definitions Prometheus prepends to every alert template (112 characters). */
    public static final String DEFS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    /** The dot of an alert template: .Labels, .ExternalLabels, .ExternalURL, .Value. */
    public static final class AlertData implements GoStruct {
        private final StringMap labels;
        private final StringMap externalLabels;
        private final String externalURL;
        private final double value;

        public AlertData(Map<String, String> labels, Map<String, String> externalLabels, String externalURL,
                double value) {
            this.labels = new StringMap(labels);
            this.externalLabels = new StringMap(externalLabels);
            this.externalURL = externalURL;
            this.value = value;
        }

        @Override
        public String goTypeName() {
            return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }";
        }

        @Override
        public List<String> goFieldNames() {
            return List.of("Labels", "ExternalLabels", "ExternalURL", "Value");
        }

        @Override
        public Object goField(String name) {
            switch (name) {
                case "Labels":
                    return labels;
                case "ExternalLabels":
                    return externalLabels;
                case "ExternalURL":
                    return externalURL;
                case "Value":
                    return value;
                default:
                    return NO_FIELD;
            }
        }
    }

    /** The template name Prometheus uses for a rule's templates. */
    public static String templateName(String alertName) {
        return "__alert_" + alertName;
    }

    /**
     * Parses a rule's label/annotation template once (rule loading); the message of the
     * exception is what promtool reports, e.g. {@code template: __alert_X:1: function "now" not defined}.
     */
    public static Template compileAlertField(String alertName, String text, FunctionSet functions)
            throws TemplateParseException {
        return Template.parse(templateName(alertName), DEFS + text, functions, TemplateSet.MissingKey.ZERO);
    }

    /** Executes a compiled alert template; never throws. */
    public static String expand(Template compiled, AlertData data) {
        try {
            return compiled.execute(data);
        } catch (TemplateExecutionException e) {
            return "<error expanding template: error executing template " + compiled.name() + ": " + e.getMessage() + ">";
        } catch (RuntimeException e) {
            // Prometheus recovers panics too: a broken template must never break rule evaluation
            return "<error expanding template: panic expanding template " + compiled.name() + ": " + e + ">";
        }
    }

    /** Executes a compiled alert template with other function bodies (e.g. a per-evaluation query function). */
    public static String expand(Template compiled, AlertData data, FunctionSet functions) {
        Template t = compiled.set().withFunctions(functions).template(compiled.name());
        return expand(t, data);
    }

    /** Parses and executes in one go, as Prometheus does on each evaluation; never throws. */
    public static String expandAlertField(String alertName, String text, AlertData data, FunctionSet functions) {
        Template t;
        try {
            t = compileAlertField(alertName, text, functions);
        } catch (TemplateParseException e) {
            return "<error expanding template: error parsing template " + templateName(alertName) + ": "
                    + e.getMessage() + ">";
        }
        return expand(t, data);
    }
}
