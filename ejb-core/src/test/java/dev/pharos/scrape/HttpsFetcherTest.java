package dev.pharos.scrape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.pharos.config.ConfigLoader;
import dev.pharos.config.ScrapeConfig;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.model.Labels;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes over HTTPS with {@code tls_config}: a server certificate made here with the JDK's
 * keytool, trusted through {@code ca_file}, refused without it, accepted with
 * {@code insecure_skip_verify}.
 */
class HttpsFetcherTest {

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static Path caFile;
    private static final byte[] BODY = "tls_metric 1\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        Path ks = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor() == 0, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(ks.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        Certificate cert = store.getCertificate("server");
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/metrics", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static Fetcher.Body fetch(String tlsYaml) throws Exception {
        ScrapeConfig cfg = ConfigLoader.loadFromString("scrape_configs:\n  - job_name: tls\n    scheme: https\n"
                + "    scrape_timeout: 10s\n    scrape_interval: 20s\n" + tlsYaml
                + "    static_configs: [{targets: ['localhost:1']}]\n", dir.resolve("p.yml").toString())
                .scrapeConfigs().get(0);
        Target t = new Target(Labels.of("job", "tls"), Labels.EMPTY,
                URI.create("https://localhost:" + server.getAddress().getPort() + "/metrics"), cfg,
                cfg.scrapeInterval(), cfg.scrapeTimeout());
        return new HttpFetcher(HttpClients.build(cfg.httpClientConfig(), Duration.ofSeconds(5), "https"), cfg).fetch(t);
    }

    @Test
    void trustsTheConfiguredCa() throws Exception {
        assertArrayEquals(BODY, fetch("    tls_config:\n      ca_file: " + caFile + "\n").bytes());
    }

    @Test
    void refusesAnUnknownCertificate() {
        ScrapeException e = assertThrows(ScrapeException.class, () -> fetch(""));
        assertTrue(e.getMessage().startsWith("Get \"https://localhost:"), e.getMessage());
    }

    @Test
    void insecureSkipVerifyAcceptsAnyCertificate() throws Exception {
        assertArrayEquals(BODY, fetch("    tls_config:\n      insecure_skip_verify: true\n").bytes());
    }
}
