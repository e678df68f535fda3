package dev.pharos.service;

import dev.pharos.alertmanager.config.TlsConfig;
import dev.pharos.alertmanager.notify.EmailMessage;
import dev.pharos.alertmanager.notify.EmailSender;
import dev.pharos.alertmanager.notify.JdkHttpTransport;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * Sends the e-mail receiver's messages over SMTP with Jakarta Mail, as the original does:
 * implicit TLS on port 465 (or as {@code force_implicit_tls} says), otherwise STARTTLS (required
 * unless {@code require_tls: false}), both verified per {@code tls_config}; AUTH when a user
 * name is configured and the server offers it. Connection problems are IOExceptions (retried).
 */
public final class JakartaMailSender implements EmailSender {

    @Override
    public void send(EmailMessage m) throws Exception {
        String smarthost = m.smarthost();
        int colon = smarthost.lastIndexOf(':');
        String host = colon < 0 ? smarthost : smarthost.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = colon < 0 ? "25" : smarthost.substring(colon + 1);
        boolean implicitTls = m.implicitTls();
        String proto = implicitTls ? "smtps" : "smtp";

        Properties p = new Properties();
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", host);
        p.put("mail." + proto + ".port", port);
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "30000");
        p.put("mail." + proto + ".writetimeout", "30000");
        if (m.hello() != null && !m.hello().isEmpty()) {
            p.put("mail." + proto + ".localhost", m.hello());
        }
        if (!implicitTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", String.valueOf(m.requireTls()));
        }
        // tls_config applies to SMTPS and to the STARTTLS upgrade alike (Jakarta Mail uses the
        // same socket factory for both).
        TlsConfig tls = m.tlsConfig() == null ? TlsConfig.DEFAULT : m.tlsConfig();
        SSLContext ssl = JdkHttpTransport.sslContext(tls);
        boolean verify = !tls.insecureSkipVerify();
        boolean ownCheck = verify && tls.serverName() != null && !tls.serverName().isEmpty();
        p.put("mail." + proto + ".ssl.socketFactory", new SmtpTlsSocketFactory(
                ssl != null ? ssl.getSocketFactory() : (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory
                        .getDefault(), tls.serverName(), ownCheck, tls.minVersion()));
        // With server_name the socket factory checks the certificate against it; otherwise Jakarta
        // Mail checks it against the smarthost's host.
        p.put("mail." + proto + ".ssl.checkserveridentity", String.valueOf(verify && !ownCheck));
        boolean auth = m.authUsername() != null && !m.authUsername().isEmpty();
        p.put("mail." + proto + ".auth", String.valueOf(auth));
        // Envelope sender: the from setting, whatever the From header says.
        if (m.from() != null && !m.from().isEmpty()) {
            p.put("mail." + proto + ".from", m.from());
        }
        String password = m.authPassword();
        if (auth) {
            boolean secret = m.authSecret() != null && !m.authSecret().isEmpty();
            if (secret) {
                // The original prefers CRAM-MD5 when auth_secret is set; the JDK's SASL client has it.
                p.put("mail." + proto + ".sasl.enable", "true");
                p.put("mail." + proto + ".sasl.mechanisms", "CRAM-MD5");
                p.put("mail." + proto + ".auth.mechanisms", "CRAM-MD5");
                password = m.authSecret();
            } else {
                // Then PLAIN (with auth_identity as the authorization id), then LOGIN.
                p.put("mail." + proto + ".auth.mechanisms", "PLAIN LOGIN");
            }
            if (m.authIdentity() != null && !m.authIdentity().isEmpty()) {
                p.put("mail." + proto + ".sasl.authorizationid", m.authIdentity());
                p.put("mail." + proto + ".auth.plain.authzid", m.authIdentity());
            }
        }

        Session session = Session.getInstance(p);
        MimeMessage msg = new MimeMessage(session);
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            switch (h.getKey().toLowerCase()) {
                case "subject" -> msg.setSubject(h.getValue(), "UTF-8");
                case "from" -> msg.setFrom(new InternetAddress(h.getValue()));
                case "to" -> msg.setRecipients(Message.RecipientType.TO, InternetAddress.parse(h.getValue()));
                // Non-ASCII values as RFC 2047 Q-encoded words, as Go's mime.QEncoding.
                default -> msg.setHeader(h.getKey(), MimeUtility.fold(h.getKey().length() + 2,
                        MimeUtility.encodeText(h.getValue(), "UTF-8", "Q")));
            }
        }
        if (msg.getFrom() == null && m.from() != null) {
            msg.setFrom(new InternetAddress(m.from()));
        }
        msg.setSentDate(new Date());
        // As the original: always multipart/alternative, a quoted-printable text part when text is
        // configured, then an HTML part when html is (null means not configured).
        MimeMultipart alt = new MimeMultipart("alternative");
        if (m.text() != null) {
            alt.addBodyPart(part(m.text(), "plain"));
        }
        if (m.html() != null) {
            alt.addBodyPart(part(m.html(), "html"));
        }
        if (alt.getCount() == 0) {
            alt.addBodyPart(part("", "plain"));
        }
        msg.setContent(alt);
        InternetAddress[] rcpt = m.to().stream().map(a -> {
            try {
                return new InternetAddress(a);
            } catch (MessagingException e) {
                throw new IllegalArgumentException("invalid address " + a + ": " + e.getMessage());
            }
        }).toArray(InternetAddress[]::new);
        try (Transport t = session.getTransport(proto)) {
            if (auth) {
                t.connect(host, Integer.parseInt(port), m.authUsername(), password);
            } else {
                t.connect();
            }
            msg.saveChanges();
            t.sendMessage(msg, rcpt);
        } catch (MessagingException e) {
            // Connection and protocol failures may pass; the engine retries IOExceptions.
            throw new IOException("send email: " + e.getMessage(), e);
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setText(content, "UTF-8", subtype);
        p.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return p;
    }
}
