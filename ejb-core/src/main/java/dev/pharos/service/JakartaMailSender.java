package dev.pharos.service;

import dev.pharos.alertmanager.notify.EmailMessage;
import dev.pharos.alertmanager.notify.EmailSender;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Sends the e-mail receiver's messages over SMTP with Jakarta Mail, as the original does:
 * implicit TLS on port 465, otherwise STARTTLS (required unless {@code require_tls: false}),
 * AUTH when a user name is configured. Connection problems are IOExceptions (retried).
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
        boolean implicitTls = "465".equals(port);
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
        if (m.tlsConfig() != null) {
            if (m.tlsConfig().insecureSkipVerify()) {
                p.put("mail." + proto + ".ssl.trust", "*");
            } else {
                p.put("mail." + proto + ".ssl.checkserveridentity", "true");
            }
        }
        boolean auth = m.authUsername() != null && !m.authUsername().isEmpty();
        p.put("mail." + proto + ".auth", String.valueOf(auth));

        Session session = Session.getInstance(p);
        MimeMessage msg = new MimeMessage(session);
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            switch (h.getKey().toLowerCase()) {
                case "subject" -> msg.setSubject(h.getValue(), "UTF-8");
                case "from" -> msg.setFrom(new InternetAddress(h.getValue()));
                case "to" -> msg.setRecipients(Message.RecipientType.TO, InternetAddress.parse(h.getValue()));
                default -> msg.setHeader(h.getKey(), h.getValue());
            }
        }
        if (msg.getFrom() == null && m.from() != null) {
            msg.setFrom(new InternetAddress(m.from()));
        }
        msg.setSentDate(new Date());
        boolean hasHtml = m.html() != null && !m.html().isEmpty();
        boolean hasText = m.text() != null && !m.text().isEmpty();
        if (hasHtml && hasText) {
            MimeMultipart alt = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(m.html(), "UTF-8", "html");
            alt.addBodyPart(text);
            alt.addBodyPart(html);
            msg.setContent(alt);
        } else if (hasHtml) {
            msg.setText(m.html(), "UTF-8", "html");
        } else {
            msg.setText(hasText ? m.text() : "", "UTF-8", "plain");
        }
        InternetAddress[] rcpt = m.to().stream().map(a -> {
            try {
                return new InternetAddress(a);
            } catch (MessagingException e) {
                throw new IllegalArgumentException("invalid address " + a + ": " + e.getMessage());
            }
        }).toArray(InternetAddress[]::new);
        try (Transport t = session.getTransport(proto)) {
            if (auth) {
                t.connect(host, Integer.parseInt(port), m.authUsername(), m.authPassword());
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
}
