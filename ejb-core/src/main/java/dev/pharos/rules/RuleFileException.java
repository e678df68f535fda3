package dev.pharos.rules;

import java.util.List;

/**
 * A rule file Prometheus would refuse. Each error names the file and, where it applies, the
 * group and the rule ({@code group "g", rule 1, "name": reason}), as promtool prints them.
 */
public final class RuleFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public RuleFileException(String file, List<String> errors) {
        super(file + ": " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
