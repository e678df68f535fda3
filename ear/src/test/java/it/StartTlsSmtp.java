package it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server standing in for a mail relay that insists on STARTTLS: it offers STARTTLS
 * on the plain connection and AUTH PLAIN/LOGIN only once TLS is up (as real submission servers
 * do), and records for each message the credentials, whether TLS protected the AUTH and the
 * envelope, and the raw message. GreenMail has SMTP and SMTPS but no STARTTLS, hence this.
 * The certificate is made with the JDK's keytool for 127.0.0.1/localhost; {@link #caPem()} is
 * its PEM, to be used as the receiver's tls_config.ca_file.
 */
final class StartTlsSmtp implements AutoCloseable {

    /** One message as received. */
    record Received(String ehlo, String authMechanism, String user, String password, boolean tlsAtAuth,
            boolean tlsAtMail, String mailFrom, List<String> rcptTo, byte[] data) {
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final Path caPem;
    private final Thread acceptor;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    StartTlsSmtp(Path dir) throws Exception {
        this(dir, "smtp", "SAN=ip:127.0.0.1,dns:localhost");
    }

    /** With the certificate's subject alternative names given, e.g. "SAN=dns:mail.test". */
    StartTlsSmtp(Path dir, String name, String san) throws Exception {
        Path ks = dir.resolve(name + ".p12");
        caPem = dir.resolve(name + "-ca.pem");
        Files.deleteIfExists(ks);
        Files.deleteIfExists(caPem);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + name, "-ext", san, "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "smtp", "-keystore", ks.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "starttls-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    Path caPem() {
        return caPem;
    }

    /** The next message, or null after the timeout. */
    Received next(long timeoutMillis) throws InterruptedException {
        return received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> session(s), "starttls-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    /** One SMTP session; protocol errors just end it (the client then reports a failure). */
    private void session(Socket plain) {
        Socket s = plain;
        try {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            boolean secure = false;
            String ehlo = null;
            String mech = null;
            String user = null;
            String pass = null;
            boolean tlsAtAuth = false;
            boolean tlsAtMail = false;
            String from = null;
            List<String> rcpt = new ArrayList<>();
            reply(out, "220 localhost ESMTP Pharos test relay");
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO ") || upper.startsWith("HELO ")) {
                    ehlo = line.substring(5).trim();
                    reply(out, "250-localhost greets " + ehlo);
                    reply(out, "250-8BITMIME");
                    reply(out, secure ? "250-AUTH PLAIN LOGIN" : "250-STARTTLS");
                    reply(out, "250 SMTPUTF8");
                } else if (upper.equals("STARTTLS") && !secure) {
                    reply(out, "220 2.0.0 Ready to start TLS");
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s,
                            s.getInetAddress().getHostAddress(), s.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    s = ssl;
                    in = ssl.getInputStream();
                    out = ssl.getOutputStream();
                    secure = true;
                    ehlo = null; // RFC 3207: the client must greet again
                } else if (upper.startsWith("AUTH ")) {
                    if (!secure) {
                        reply(out, "530 5.7.0 Must issue a STARTTLS command first");
                        continue;
                    }
                    String[] parts = line.split(" ");
                    mech = parts[1].toUpperCase();
                    if (mech.equals("PLAIN")) {
                        String resp = parts.length > 2 ? parts[2] : null;
                        if (resp == null) {
                            reply(out, "334 ");
                            resp = readLine(in);
                        }
                        String[] f = new String(Base64.getDecoder().decode(resp), StandardCharsets.UTF_8)
                                .split("\0", -1);
                        user = f[1];
                        pass = f[2];
                    } else if (mech.equals("LOGIN")) {
                        reply(out, "334 VXNlcm5hbWU6");
                        user = new String(Base64.getDecoder().decode(readLine(in)), StandardCharsets.UTF_8);
                        reply(out, "334 UGFzc3dvcmQ6");
                        pass = new String(Base64.getDecoder().decode(readLine(in)), StandardCharsets.UTF_8);
                    } else {
                        reply(out, "504 5.5.4 Unrecognized authentication type");
                        continue;
                    }
                    tlsAtAuth = secure;
                    reply(out, "235 2.7.0 Authentication successful");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line.substring(10));
                    tlsAtMail = secure;
                    rcpt = new ArrayList<>();
                    reply(out, "250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    rcpt.add(address(line.substring(8)));
                    reply(out, "250 2.1.5 Ok");
                } else if (upper.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    ByteArrayOutputStream data = new ByteArrayOutputStream();
                    String l;
                    while ((l = readLine(in)) != null && !l.equals(".")) {
                        // Dot-unstuffing; lines are kept as bytes read as ISO-8859-1.
                        data.write((l.startsWith(".") ? l.substring(1) : l).getBytes(StandardCharsets.ISO_8859_1));
                        data.write('\r');
                        data.write('\n');
                    }
                    received.add(new Received(ehlo, mech, user, pass, tlsAtAuth, tlsAtMail, from, List.copyOf(rcpt),
                            data.toByteArray()));
                    reply(out, "250 2.0.0 Ok: queued");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    break;
                } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else {
                    reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException | RuntimeException e) {
            // the session ends; the sender sees the failure
        } finally {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static String address(String s) {
        String t = s.trim();
        int lt = t.indexOf('<');
        int gt = t.indexOf('>');
        return lt >= 0 && gt > lt ? t.substring(lt + 1, gt) : t;
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A CRLF (or LF) terminated line as ISO-8859-1, without the terminator; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] a = b.toByteArray();
                int n = a.length > 0 && a[a.length - 1] == '\r' ? a.length - 1 : a.length;
                return new String(a, 0, n, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
