package dev.pharos.alertmanager.notify;

import static dev.pharos.alertmanager.notify.PayloadTest.RENDERER;
import static dev.pharos.alertmanager.notify.PayloadTest.alerts;
import static dev.pharos.alertmanager.notify.PayloadTest.data;
import static dev.pharos.alertmanager.notify.PayloadTest.integration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.alertmanager.config.ConfigException;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** email_configs' threading: References / In-Reply-To naming one thread per alert group (and day). */
class EmailThreadingTest {

    static IntegrationConfig email(String extra) {
        return integration("""
                email_configs:
                  - to: a@example.org
                    from: am@example.org
                    smarthost: smtp.example.org:25
                """ + extra.indent(4));
    }

    /** The first 16 hex digits of the SHA-256 of PayloadTest.KEY. */
    static final String HASH = PagerDutyNotifier.hashKey(PayloadTest.KEY).substring(0, 16);

    @Test
    void dailyThreadsNameTheGroupAndTheDay() {
        Map<String, String> h = EmailNotifier.threadHeaders(email("threading: {enabled: true, thread_by_date: daily}"),
                PayloadTest.KEY, LocalDate.of(2025, 3, 4));
        assertEquals(Map.of("References", "<alert-" + HASH + "-2025-03-04@alertmanager>",
                "In-Reply-To", "<alert-" + HASH + "-2025-03-04@alertmanager>"), h);
        // thread_by_date is daily when left out, as documented.
        assertEquals(h, EmailNotifier.threadHeaders(email("threading: {enabled: true}"), PayloadTest.KEY,
                LocalDate.of(2025, 3, 4)));
    }

    @Test
    void noneThreadsByGroupOnly() {
        Map<String, String> h = EmailNotifier.threadHeaders(email("threading: {enabled: true, thread_by_date: none}"),
                PayloadTest.KEY, LocalDate.of(2025, 3, 4));
        assertEquals("<alert-" + HASH + "-@alertmanager>", h.get("References"));
    }

    @Test
    void sentMailsCarryTheHeadersOnlyWhenEnabled() {
        List<EmailMessage> sent = new ArrayList<>();
        assertTrue(new EmailNotifier(email("threading: {enabled: true}"), sent::add, RENDERER)
                .notify(data(false), alerts(false)).ok());
        assertTrue(sent.get(0).headers().get("In-Reply-To").startsWith("<alert-" + HASH + "-"));
        assertTrue(new EmailNotifier(email("threading: {enabled: false}"), sent::add, RENDERER)
                .notify(data(false), alerts(false)).ok());
        assertFalse(sent.get(1).headers().containsKey("References"));
        assertTrue(new EmailNotifier(email(""), sent::add, RENDERER).notify(data(false), alerts(false)).ok());
        assertFalse(sent.get(2).headers().containsKey("References"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "threading: {enabled: true, thread_by_date: weekly}|threading.thread_by_date must be either 'none' or 'daily'",
        "'threading: {enabled: true}\nheaders: {references: x}'|threading.enabled conflicts with custom References",
        "'threading: {enabled: true}\nheaders: {in-reply-to: x}'|threading.enabled conflicts with custom In-Reply-To",
        "threading: {enabled: true, by: day}|field by not found in type config.ThreadingConfig",
    })
    void invalidThreadingIsRejected(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> email(yaml));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void disabledThreadingIsNotChecked() {
        email("threading: {enabled: false, thread_by_date: weekly}");
    }
}
