package dev.pharos.alertmanager;

/** A matcher string that neither the classic nor the UTF-8 matcher parser accepts. */
public final class MatcherParseException extends IllegalArgumentException {
    public MatcherParseException(String message) {
        super(message);
    }
}
