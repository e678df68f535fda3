package dev.pharos.alertmanager.notify;

/** Delivers an e-mail over SMTP; the lead implements it with Jakarta Mail. */
@FunctionalInterface
public interface EmailSender {

    /** Throws on failure; a {@link java.io.IOException} is treated as retryable. */
    void send(EmailMessage message) throws Exception;
}
