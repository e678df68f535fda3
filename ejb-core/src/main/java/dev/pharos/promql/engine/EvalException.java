package dev.pharos.promql.engine;

/** An execution error raised during evaluation (API errorType "execution"). */
public final class EvalException extends RuntimeException {
    public EvalException(String message) {
        super(message, null, false, false);
    }
}
