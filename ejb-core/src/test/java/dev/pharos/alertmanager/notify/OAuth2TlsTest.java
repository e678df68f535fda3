package dev.pharos.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pharos.alertmanager.config.IntegrationConfig;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * oauth2's own {@code tls_config} serves the token request: the token endpoint's self-signed
 * certificate is trusted through oauth2.tls_config.ca_file while the receiver (plain HTTP)
 * has no TLS setting at all.
 */
class OAuth2TlsTest {

    @TempDir
    static Path dir;
    static HttpsServer tokens;
    static HttpServer receiver;
    static Path caFile;
    static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path ks = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                ks.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(ks.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(store.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        tokens = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokens.setHttpsConfigurator(new HttpsConfigurator(ctx));
        tokens.createContext("/token", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] out = "{\"access_token\":\"tls-tok\",\"expires_in\":3600}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        tokens.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        tokens.stop(0);
        receiver.stop(0);
    }

    static NotifyResult send(String clientId, String oauth2Tls) {
        IntegrationConfig c = HttpConfigTest.webhook("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                """
                oauth2:
                  client_id: %s
                  client_secret: s
                  token_url: 'https://127.0.0.1:%d/token'
                %s""".formatted(clientId, tokens.getAddress().getPort(), oauth2Tls.indent(2)));
        return HttpConfigTest.send(c);
    }

    @Test
    void tokenRequestTrustsTheOAuth2CaFile() {
        NotifyResult ok = send("tls-client", "tls_config: {ca_file: '" + caFile + "'}");
        assertTrue(ok.ok(), ok.message());
        assertEquals("Bearer tls-tok", authorizations.get(authorizations.size() - 1));
    }

    @Test
    void tokenRequestWithoutTheCaFails() {
        int before = authorizations.size();
        NotifyResult failed = send("untrusted-client", "");
        assertFalse(failed.ok());
        assertEquals(before, authorizations.size(), "no notification without a token");
    }
}
