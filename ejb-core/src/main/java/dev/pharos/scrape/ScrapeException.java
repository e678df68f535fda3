package dev.pharos.scrape;

/** A failed scrape; the message is what the targets API shows as lastError. */
public final class ScrapeException extends Exception {

    public ScrapeException(String message) {
        super(message, null, false, false);
    }

    public ScrapeException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
