package dev.pharos.alertmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.alertmanager.config.ConfigException;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.config.IntegrationConfig;
import dev.pharos.httpclient.ProxyRules;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** http_config of receivers over real HTTP: OAuth2 client credentials, proxy_url and no_proxy. */
class HttpConfigTest {

    /** "path | authorization | body" of each request the local server got. */
    final List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(ex.getRequestURI() + " | " + ex.getRequestHeaders().getFirst("Authorization") + " | " + body);
            byte[] out = ex.getRequestURI().getPath().equals("/token")
                    ? "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                            .getBytes(StandardCharsets.UTF_8)
                    : "ok".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static IntegrationConfig webhook(String url, String httpConfigYaml) {
        return ConfigLoader.load("route: {receiver: r}\nreceivers:\n  - name: r\n    webhook_configs:\n"
                + "      - url: '" + url + "'\n        http_config:\n" + httpConfigYaml.indent(10))
                .receivers().get(0).integrations().get(0);
    }

    static NotifyResult send(IntegrationConfig c) {
        return new WebhookNotifier(c, new JdkHttpTransport(c.httpConfig()))
                .notify(PayloadTest.data(false), PayloadTest.alerts(false));
    }

    @Test
    void oauth2ClientCredentialsTokenIsFetchedAndSent() {
        IntegrationConfig c = webhook(base + "/hook", """
                oauth2:
                  client_id: am-client
                  client_secret: 's3cret&x'
                  token_url: '%s/token'
                  scopes: [notify, read]
                  endpoint_params: {audience: alerts}
                """.formatted(base));
        assertTrue(send(c).ok());
        assertEquals("/token | null | grant_type=client_credentials&client_id=am-client&client_secret=s3cret%26x"
                + "&scope=notify+read&audience=alerts", seen.get(0));
        assertTrue(seen.get(1).startsWith("/hook | Bearer tok-1 | {\"receiver\":"), seen.get(1));
    }

    @Test
    void oauth2IsCheckedLikePrometheus() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> webhook(base + "/hook", "oauth2: {client_secret: x, token_url: 'http://t/'}\n"));
        assertTrue(e.getMessage().contains("oauth2 client_id must be configured"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> webhook(base + "/hook", "oauth2: {client_id: a, token_url: 'http://t/'}\n"
                        + "basic_auth: {username: u}\n"));
        assertTrue(e.getMessage().contains("at most one of basic_auth, oauth2"), e.getMessage());
    }

    @Test
    void proxyUrlCarriesTheRequestAndNoProxyBypassesIt() {
        // The local server plays the proxy: it sees the absolute URL of the receiver.
        assertTrue(send(webhook("http://alerts.example.invalid/hook", "proxy_url: '" + base + "'\n")).ok());
        assertTrue(seen.get(0).startsWith("http://alerts.example.invalid/hook | null | {"), seen.get(0));
        // With no_proxy naming the domain the request goes direct (and cannot resolve the name).
        NotifyResult direct = send(webhook("http://alerts.example.invalid/hook",
                "proxy_url: '" + base + "'\nno_proxy: 'example.invalid'\n"));
        assertFalse(direct.ok());
        assertTrue(direct.retry(), direct.message());
        assertEquals(1, seen.size());
    }

    @ParameterizedTest(name = "{0} no_proxy={1}: proxied={2}")
    @CsvSource(delimiter = '|', value = {
        "http://alerts.example.org/x|example.org|false",
        "http://example.org/x|example.org|false",
        "http://notexample.org/x|example.org|true",
        "http://example.org/x|.example.org|true",
        "http://a.example.org/x|.example.org|false",
        "http://a.example.org/x|*.example.org|false",
        "http://a.example.org:8080/x|example.org:9090|true",
        "http://a.example.org:9090/x|example.org:9090|false",
        "http://10.1.2.3/x|10.0.0.0/8|false",
        "http://11.1.2.3/x|10.0.0.0/8|true",
        "http://10.1.2.3/x|10.1.2.3|false",
        "http://other.org/x|*|false",
        "http://localhost:1/x|x.org|false",
        "http://127.0.0.1:1/x|x.org|false",
        "http://[::1]:1/x|x.org|false",
        "https://other.org/x|a.org, b.org|true",
    })
    void noProxyFollowsGoRules(String url, String noProxy, boolean proxied) {
        assertEquals(proxied, ProxyRules.of("http://proxy:3128", noProxy).useProxy(URI.create(url)));
    }

    @Test
    void environmentProxiesByScheme() {
        ProxyRules env = ProxyRules.fromEnvironment(Map.of("https_proxy", "10.0.0.1:3129", "HTTP_PROXY",
                "http://10.0.0.2:3128", "NO_PROXY", "internal.org"));
        assertEquals(new InetSocketAddress("10.0.0.2", 3128), env.select(URI.create("http://a.org/")).get(0).address());
        assertEquals(new InetSocketAddress("10.0.0.1", 3129), env.select(URI.create("https://a.org/")).get(0).address());
        assertEquals(java.net.Proxy.NO_PROXY, env.select(URI.create("https://x.internal.org/")).get(0));
        // proxy_url without no_proxy proxies everything, loopback included, as Go's http.ProxyURL.
        assertTrue(ProxyRules.of("http://10.0.0.3:3128", "").select(URI.create("http://127.0.0.1/")).get(0)
                .type() == java.net.Proxy.Type.HTTP);
    }

    @Test
    void tlsServerNameAndMinVersion() {
        javax.net.ssl.SSLParameters p = JdkHttpTransport.sslParameters(webhook("https://x.example/", """
                tls_config: {server_name: alerts.internal, min_version: TLS13}
                """).httpConfig().tlsConfig());
        assertEquals(List.of(new javax.net.ssl.SNIHostName("alerts.internal")), p.getServerNames());
        assertEquals(List.of("TLSv1.3"), List.of(p.getProtocols()));
        javax.net.ssl.SSLParameters d = JdkHttpTransport.sslParameters(
                dev.pharos.alertmanager.config.TlsConfig.DEFAULT);
        assertEquals(null, d.getServerNames());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(d.getProtocols()));
    }

    @Test
    void httpHeadersValuesSecretsAndFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("token");
        java.nio.file.Files.writeString(f, "from-file\n");
        List<String> got = new CopyOnWriteArrayList<>();
        server.removeContext("/");
        server.createContext("/", ex -> {
            got.addAll(ex.getRequestHeaders().get("X-Team"));
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        IntegrationConfig c = webhook(base + "/hook", """
                http_headers:
                  X-Team:
                    values: [a, b]
                    secrets: [s]
                    files: ['%s']
                """.formatted(f));
        assertTrue(send(c).ok());
        assertEquals(List.of("a", "b", "s", "from-file"), got);
    }

    @Test
    void basicAuthUsernameAndPasswordFilesAreReadAtSendTime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path user = dir.resolve("user");
        java.nio.file.Path pass = dir.resolve("pass");
        java.nio.file.Files.writeString(user, "am-user\n");
        java.nio.file.Files.writeString(pass, "pw-1\n");
        IntegrationConfig c = webhook(base + "/hook", """
                basic_auth: {username_file: '%s', password_file: '%s'}
                """.formatted(user, pass));
        JdkHttpTransport http = new JdkHttpTransport(c.httpConfig());
        WebhookNotifier n = new WebhookNotifier(c, http);
        assertTrue(n.notify(PayloadTest.data(false), PayloadTest.alerts(false)).ok());
        java.nio.file.Files.writeString(pass, "pw-2\n");
        assertTrue(n.notify(PayloadTest.data(false), PayloadTest.alerts(false)).ok());
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        assertTrue(seen.get(0).startsWith("/hook | Basic " + b64.encodeToString("am-user:pw-1".getBytes()) + " |"),
                seen.get(0));
        assertTrue(seen.get(1).startsWith("/hook | Basic " + b64.encodeToString("am-user:pw-2".getBytes()) + " |"),
                seen.get(1));
    }

    @Test
    void oauth2ProxyUrlCarriesOnlyTheTokenRequest() {
        // The local server is the receiver and, for the token request only, the proxy.
        IntegrationConfig c = webhook(base + "/hook", """
                oauth2:
                  client_id: proxied-client
                  client_secret: x
                  token_url: 'http://token.example.invalid/token'
                  proxy_url: '%s'
                """.formatted(base));
        assertTrue(send(c).ok());
        assertTrue(seen.get(0).startsWith("http://token.example.invalid/token | null | grant_type="), seen.get(0));
        assertTrue(seen.get(1).startsWith("/hook | Bearer tok-1 | "), seen.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'basic_auth: {username: a, username_file: /f}'|at most one of basic_auth username, username_file",
        "'no_proxy: a.org'|if no_proxy is configured, proxy_url must also be configured",
        "'{proxy_url: \"http://p:1\", proxy_from_environment: true}'|if proxy_from_environment is configured, "
                + "proxy_url must not be configured",
        "'proxy_connect_header: {X: [a]}'|if proxy_connect_header is configured, proxy_url or "
                + "proxy_from_environment must also be configured",
        "'oauth2: {client_id: a, token_url: \"http://t/\", no_proxy: x.org}'|if no_proxy is configured, "
                + "proxy_url must also be configured",
    })
    void proxyAndBasicAuthSettingsAreCheckedLikePrometheus(String yaml, String message) {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> webhook(base + "/hook", yaml + "\n"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void statusTextHidesEverySecretButNotFileNames() {
        String hidden = ConfigLoader.load("""
                route: {receiver: r}
                receivers:
                  - name: r
                    webhook_configs:
                      - url: 'http://h.example/x'
                        http_config:
                          basic_auth: {username_file: /etc/am/user, password: pw}
                          proxy_url: 'http://proxy.example:3128'
                          proxy_connect_header: {Proxy-Authorization: [Bearer pch]}
                          http_headers: {X-Token: {secrets: [hs], values: [plain]}}
                      - url: 'http://h.example/y'
                        http_config:
                          oauth2: {client_id: c, client_secret: cs, token_url: 'http://t.example/'}
                """).secretHiddenYaml();
        for (String secret : new String[] {"pw", "pch", "hs", "cs"}) {
            assertFalse(hidden.matches("(?s).*\\b" + secret + "\\b.*"), secret + " shown in:\n" + hidden);
        }
        assertTrue(hidden.contains("/etc/am/user"), hidden);
        assertTrue(hidden.contains("plain"), hidden);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "receiver|alerts.example.invalid|'proxy_url: \"http://127.0.0.1:%d\"\nproxy_connect_header: "
                + "{Proxy-Authorization: [Bearer pt], X-Not-Sendable: [x]}'",
        "oauth2 token request|token.example.invalid|'oauth2: {client_id: pch, client_secret: s, token_url: "
                + "\"https://token.example.invalid/t\", proxy_url: \"http://127.0.0.1:%d\", proxy_connect_header: "
                + "{Proxy-Authorization: [Bearer pt], X-Not-Sendable: [x]}}'",
    })
    void proxyConnectHeaderReachesTheConnectOfAnHttpsTarget(String what, String host, String yaml) throws Exception {
        // A proxy that records the CONNECT request and refuses the tunnel.
        List<String> connect = new CopyOnWriteArrayList<>();
        try (java.net.ServerSocket proxy = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = proxy.accept()) {
                    java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                            s.getInputStream(), StandardCharsets.US_ASCII));
                    for (String line = r.readLine(); line != null && !line.isEmpty(); line = r.readLine()) {
                        connect.add(line);
                    }
                    s.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    connect.add("proxy failed: " + e);
                }
            });
            t.start();
            assertFalse(send(webhook("https://alerts.example.invalid/hook", yaml.formatted(proxy.getLocalPort())))
                    .ok());
            t.join(10_000);
        }
        assertEquals("CONNECT " + host + ":443 HTTP/1.1", connect.get(0));
        assertTrue(connect.contains("Proxy-Authorization: Bearer pt"), connect.toString());
        assertFalse(connect.stream().anyMatch(l -> l.startsWith("X-Not-Sendable")), connect.toString());
    }

    @Test
    void proxyConnectHeaderIsNotSentToPlainHttpTargets() {
        dev.pharos.config.HttpClientConfig cfg = webhook(base + "/hook", """
                proxy_url: 'http://127.0.0.1:1'
                proxy_connect_header: {Proxy-Authorization: [Bearer pt], X-Other: [x]}
                """).httpConfig().toShared();
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create("http://a.example/"));
        List<String> unsendable = dev.pharos.httpclient.HttpClients.proxyConnectHeaders(b, cfg,
                URI.create("http://a.example/"), ProxyRules.of("http://127.0.0.1:1", ""));
        assertEquals(List.of("X-Other"), unsendable);
        assertTrue(b.build().headers().map().isEmpty());
    }
}
