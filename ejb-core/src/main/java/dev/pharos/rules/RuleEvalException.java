package dev.pharos.rules;

/** A rule evaluation failure recorded as the rule's lastError (duplicate series, limit exceeded). */
public final class RuleEvalException extends Exception {
    private static final long serialVersionUID = 1L;

    public RuleEvalException(String message) {
        super(message);
    }
}
