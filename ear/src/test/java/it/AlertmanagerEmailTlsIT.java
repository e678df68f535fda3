package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E-mail through a relay that requires STARTTLS and authentication: the receiver has
 * {@code require_tls: true}, AUTH credentials and {@code tls_config.ca_file} with the relay's
 * test certificate. The message must arrive over TLS, authenticated with the configured user
 * and password, as multipart/alternative with a text part and an HTML part whose alert values
 * are HTML-escaped.
 */
class AlertmanagerEmailTlsIT {

    /** Alert names are unique per run: the notification log persists across runs. */
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static StartTlsSmtp relay;
    /** A relay whose certificate names only mail.test: reachable over TLS only through server_name. */
    static StartTlsSmtp namedRelay;
    static Path configFile;
    static String originalConfig;

    @BeforeAll
    static void start() throws Exception {
        HttpResponse<String> up = Http.await(Http.alert("/api/v2/status"), x -> x.statusCode() == 200,
                Duration.ofMinutes(4));
        assertEquals(200, up == null ? -1 : up.statusCode(), "Alertmanager API not up");
        Path dir = Files.createDirectories(Path.of("target", "starttls-smtp").toAbsolutePath());
        relay = new StartTlsSmtp(dir);
        namedRelay = new StartTlsSmtp(dir, "named", "SAN=dns:mail.test");
        configFile = Path.of(System.getProperty("it.config.dir", "target/it-config"), "alertmanager.yml");
        originalConfig = Files.readString(configFile);
        Files.writeString(configFile, """
                route:
                  receiver: blackhole
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 3s
                  repeat_interval: 1h
                  routes:
                    - matchers: ['it="starttls"']
                      receiver: tls-mail
                    - matchers: ['it="servername"']
                      receiver: named-mail
                receivers:
                  - name: blackhole
                  - name: tls-mail
                    email_configs:
                      - to: 'oncall@example.org'
                        from: 'alertmanager@example.org'
                        smarthost: '127.0.0.1:%d'
                        hello: 'pharos.test'
                        require_tls: true
                        auth_username: 'pharos'
                        auth_password: 's3cret'
                        tls_config:
                          ca_file: '%s'
                        text: '{{ template "email.default.text" . }}'
                        headers: {X-Team: 'Störung {{ .GroupLabels.alertname }}'}
                  - name: named-mail
                    email_configs:
                      - to: 'oncall@example.org'
                        from: 'alertmanager@example.org'
                        smarthost: '127.0.0.1:%d'
                        require_tls: true
                        tls_config:
                          ca_file: '%s'
                          server_name: mail.test
                """.formatted(relay.port(), relay.caPem(), namedRelay.port(), namedRelay.caPem()));
        HttpResponse<String> r = Http.post(Http.alert("/-/reload"), "text/plain", "");
        assertEquals(200, r.statusCode(), r.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (originalConfig != null) {
            Files.writeString(configFile, originalConfig);
            Http.post(Http.alert("/-/reload"), "text/plain", "");
        }
        if (relay != null) {
            relay.close();
        }
        if (namedRelay != null) {
            namedRelay.close();
        }
    }

    @Test
    void mailGoesOverStartTlsWithAuthAndHasTextAndHtmlParts() throws Exception {
        String name = "TlsMail" + RUN;
        String alert = "[{\"labels\":{\"alertname\":\"" + name + "\",\"it\":\"starttls\",\"instance\":\"t:1\"},"
                + "\"annotations\":{\"summary\":\"<script>alert(1)</script> & more\"},"
                + "\"startsAt\":\"" + Instant.now().minusSeconds(5) + "\","
                + "\"generatorURL\":\"http://prometheus.example/graph?g0.expr=up\"}]";
        HttpResponse<String> posted = Http.post(Http.alert("/api/v2/alerts"), "application/json", alert);
        assertEquals(200, posted.statusCode(), posted.body());

        StartTlsSmtp.Received r = relay.next(30_000);
        assertNotNull(r, "no e-mail arrived at the STARTTLS relay");
        assertEquals("pharos.test", r.ehlo(), "EHLO name after STARTTLS");
        assertTrue(r.tlsAtAuth(), "AUTH before STARTTLS");
        assertTrue(r.tlsAtMail(), "envelope sent without TLS");
        assertEquals("PLAIN", r.authMechanism());
        assertEquals("pharos", r.user());
        assertEquals("s3cret", r.password());
        assertEquals("alertmanager@example.org", r.mailFrom());
        assertEquals(List.of("oncall@example.org"), r.rcptTo());

        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(r.data()));
        assertEquals("[FIRING:1] " + name + " (t:1 starttls)", m.getSubject());
        assertEquals("alertmanager@example.org", m.getFrom()[0].toString());
        assertTrue(m.isMimeType("multipart/alternative"), m.getContentType());
        // Non-ASCII header values travel as RFC 2047 encoded words, as Go's mime.QEncoding writes them.
        String rawTeam = m.getHeader("X-Team")[0];
        assertTrue(rawTeam.startsWith("=?UTF-8?Q?St=C3=B6rung"), rawTeam);
        assertEquals("Störung " + name, jakarta.mail.internet.MimeUtility.decodeText(rawTeam));
        Multipart mp = (Multipart) m.getContent();
        assertEquals(2, mp.getCount());
        Part text = mp.getBodyPart(0);
        Part html = mp.getBodyPart(1);
        assertTrue(text.isMimeType("text/plain"), text.getContentType());
        assertTrue(html.isMimeType("text/html"), html.getContentType());
        assertEquals("quoted-printable", ((jakarta.mail.internet.MimeBodyPart) text).getEncoding());
        assertEquals("quoted-printable", ((jakarta.mail.internet.MimeBodyPart) html).getEncoding());
        String t = (String) text.getContent();
        String h = (String) html.getContent();
        // text/template: the annotation verbatim; html/template: escaped.
        assertTrue(t.contains("<script>alert(1)</script> & more"), t);
        assertTrue(h.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), h);
        assertFalse(h.contains("<script>"), h);
        assertTrue(h.contains("<a href=\"http://prometheus.example/graph?g0.expr=up\">Source</a>"), h);
    }

    @Test
    void tlsServerNameIsWhatTheCertificateMustMatch() throws Exception {
        String name = "NamedMail" + RUN;
        String alert = "[{\"labels\":{\"alertname\":\"" + name + "\",\"it\":\"servername\"},"
                + "\"startsAt\":\"" + Instant.now().minusSeconds(5) + "\"}]";
        HttpResponse<String> posted = Http.post(Http.alert("/api/v2/alerts"), "application/json", alert);
        assertEquals(200, posted.statusCode(), posted.body());
        // The certificate names mail.test only, not 127.0.0.1: verification succeeds only against server_name.
        StartTlsSmtp.Received r = namedRelay.next(30_000);
        assertNotNull(r, "no e-mail over TLS verified against server_name");
        assertTrue(r.tlsAtMail());
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(r.data()));
        assertEquals("[FIRING:1] " + name + " (servername)", m.getSubject());
    }
}
