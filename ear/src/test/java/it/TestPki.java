package it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority for the TLS tests, made with the JDK's keytool: a CA, a
 * server certificate for localhost and a client certificate, as PKCS#12 stores and as PEM
 * files for the Go peers (promtool, amtool, Prometheus).
 */
final class TestPki {

    static final String PASSWORD = "changeit";

    final Path dir;
    final Path caPem;
    final Path serverP12;
    final Path trustP12;
    final Path clientP12;
    final Path clientCertPem;
    final Path clientKeyPem;

    TestPki(Path dir) throws Exception {
        this.dir = dir;
        Path ca = dir.resolve("ca.p12");
        caPem = dir.resolve("ca.pem");
        serverP12 = dir.resolve("server.p12");
        trustP12 = dir.resolve("trust.p12");
        clientP12 = dir.resolve("client.p12");
        clientCertPem = dir.resolve("client.pem");
        clientKeyPem = dir.resolve("client-key.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Pharos Test CA",
                "-ext", "bc:c", "-validity", "3", "-keystore", ca.toString(), "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD,
                "-file", caPem.toString());
        signed("server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1", serverP12, dir.resolve("server.pem"));
        signed("client", "CN=pharos-test-client", "eku=clientAuth", clientP12, clientCertPem);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", trustP12.toString(),
                "-storepass", PASSWORD);
        writeKeyPem(clientP12, "client", clientKeyPem);
    }

    private void signed(String alias, String dname, String ext, Path p12, Path pem) throws Exception {
        Path ca = dir.resolve("ca.p12");
        Path csr = dir.resolve(alias + ".csr");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", dname,
                "-validity", "3", "-keystore", p12.toString(), "-storepass", PASSWORD);
        keytool("-certreq", "-alias", alias, "-keystore", p12.toString(), "-storepass", PASSWORD, "-file", csr.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-infile",
                csr.toString(), "-outfile", pem.toString(), "-ext", ext, "-validity", "3");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", p12.toString(),
                "-storepass", PASSWORD);
        keytool("-importcert", "-alias", alias, "-file", pem.toString(), "-keystore", p12.toString(),
                "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Processes.run(Duration.ofMinutes(1), Map.of(), cmd);
    }

    private static void writeKeyPem(Path p12, String alias, Path out) throws Exception {
        KeyStore ks = load(p12);
        PrivateKey key = (PrivateKey) ks.getKey(alias, PASSWORD.toCharArray());
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        Files.writeString(out, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
    }

    static KeyStore load(Path p12) throws IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A TLS context that trusts the test CA and, if {@code withClientCert}, presents the client certificate. */
    SSLContext sslContext(boolean withClientCert, String protocol) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trustP12));
        KeyManagerFactory kmf = null;
        if (withClientCert) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(clientP12), PASSWORD.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
