package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security on a real server of its own (the shared IT server runs open): basic-auth users from
 * PHAROS_USERS, one per role; every endpoint of the three faces against anonymous callers and
 * each role; HTTPS on all three faces with a test CA, TLS 1.2+, mutual TLS on the Alertmanager
 * face; security headers and the cross-site request guard; users of a real LDAP directory
 * (UnboundID, in memory) and bearer tokens of a stand-in OpenID Connect provider; the Go peers
 * (promtool, amtool, Prometheus) and the Java client over TLS with credentials.
 */
class SecurityIT {

    private static final SecondServer SERVER = new SecondServer("pharos-security");
    static final List<String> ROLES = List.of("reader", "pusher", "alert-sender", "silencer", "admin");

    static Path dataDir;
    static TestPki pki;
    static InMemoryDirectoryServer ldap;
    static OidcStandIn oidc;
    static int serverPort;
    static int pushPort;
    static int alertPort;
    static int serverHttps;
    static int pushHttps;
    static int alertHttps;

    /** One endpoint: which face, request, the role it needs (null: open) and the class that answers it. */
    record Endpoint(char face, String method, String path, String contentType, String body, String role, String handler) {
        String url(boolean https) {
            int port = switch (face) {
                case 's' -> https ? serverHttps : serverPort;
                case 'p' -> https ? pushHttps : pushPort;
                default -> https ? alertHttps : alertPort;
            };
            return (https ? "https" : "http") + "://localhost:" + port + path;
        }

        @Override
        public String toString() {
            return method + " :" + face + " " + path;
        }
    }

    private static final String SILENCE = """
            {"matchers":[{"name":"alertname","value":"SecurityIT","isRegex":false,"isEqual":true}],
             "startsAt":"2030-01-01T00:00:00Z","endsAt":"2030-01-02T00:00:00Z","createdBy":"it","comment":"matrix"}""";

    /** The matrix rows: every servlet and resource class of the three WARs answers at least one. */
    static final List<Endpoint> ENDPOINTS = List.of(
            e('s', "GET", "/api/v1/query?query=1", "reader", "dev.pharos.web.api.QueryResource"),
            new Endpoint('s', "POST", "/api/v1/query_range", "application/x-www-form-urlencoded",
                    "query=1&start=0&end=60&step=15", "reader", "dev.pharos.web.api.QueryResource"),
            e('s', "GET", "/api/v1/series?match%5B%5D=up", "reader", "dev.pharos.web.api.SeriesResource"),
            e('s', "GET", "/api/v1/labels", "reader", "dev.pharos.web.api.SeriesResource"),
            e('s', "GET", "/api/v1/label/job/values", "reader", "dev.pharos.web.api.SeriesResource"),
            e('s', "GET", "/api/v1/metadata", "reader", "dev.pharos.web.api.SeriesResource"),
            e('s', "GET", "/api/v1/status/config", "reader", "dev.pharos.web.api.StatusResource"),
            e('s', "GET", "/api/v1/status/flags", "reader", "dev.pharos.web.api.StatusResource"),
            e('s', "GET", "/api/v1/status/tsdb", "reader", "dev.pharos.web.api.TsdbStatusResource"),
            e('s', "GET", "/api/v1/targets", "reader", "dev.pharos.web.api.TargetsResource"),
            e('s', "GET", "/api/v1/rules", "reader", "dev.pharos.web.api.RulesResource"),
            e('s', "GET", "/api/v1/alerts", "reader", "dev.pharos.web.api.AlertsResource"),
            e('s', "GET", "/api/v1/alertmanagers", "reader", "dev.pharos.web.api.AlertmanagersResource"),
            new Endpoint('s', "POST", "/api/v1/read", "application/x-protobuf", "", "reader",
                    "dev.pharos.web.api.RemoteReadResource"),
            new Endpoint('s', "POST", "/api/v1/write", "application/x-protobuf", "", "pusher",
                    "dev.pharos.web.api.RemoteWriteResource"),
            new Endpoint('s', "POST", "/api/v1/admin/tsdb/clean_tombstones", null, "", "admin",
                    "dev.pharos.web.api.AdminResource"),
            e('s', "GET", "/api/v1/audit", "admin", "dev.pharos.web.api.AuditResource"),
            new Endpoint('s', "POST", "/api/v1/import/openmetrics", "application/openmetrics-text", "# EOF\n", "admin",
                    "dev.pharos.web.api.ImportResource"),
            e('s', "GET", "/metrics", "reader", "dev.pharos.web.SelfMetricsServlet"),
            new Endpoint('s', "POST", "/-/reload", null, "", "admin", "dev.pharos.web.ReloadServlet"),
            e('s', "GET", "/query", "reader", "page"),
            e('s', "GET", "/-/healthy", null, "dev.pharos.web.HealthServlet"),
            e('p', "GET", "/", "reader", "dev.pharos.pushgateway.web.PageServlet"),
            e('p', "GET", "/page.css", "reader", "page"),
            e('p', "GET", "/metrics", "reader", "dev.pharos.pushgateway.web.PushServlet"),
            new Endpoint('p', "PUT", "/metrics/job/security", "text/plain", "security_it 1\n", "pusher",
                    "dev.pharos.pushgateway.web.PushServlet"),
            e('p', "DELETE", "/metrics/job/security", "pusher", "dev.pharos.pushgateway.web.PushServlet"),
            e('p', "GET", "/api/v1/status", "reader", "dev.pharos.pushgateway.web.ApiServlet"),
            new Endpoint('p', "PUT", "/api/v1/admin/wipe", null, "", "admin", "dev.pharos.pushgateway.web.ApiServlet"),
            e('p', "GET", "/-/ready", null, "dev.pharos.pushgateway.web.HealthServlet"),
            e('a', "GET", "/api/v2/alerts", "reader", "dev.pharos.alertmanager.web.AlertsResource"),
            new Endpoint('a', "POST", "/api/v2/alerts", "application/json", "[]", "alert-sender",
                    "dev.pharos.alertmanager.web.AlertsResource"),
            e('a', "GET", "/api/v2/alerts/groups", "reader", "dev.pharos.alertmanager.web.AlertsResource"),
            e('a', "GET", "/api/v2/silences", "reader", "dev.pharos.alertmanager.web.SilencesResource"),
            new Endpoint('a', "POST", "/api/v2/silences", "application/json", SILENCE, "silencer",
                    "dev.pharos.alertmanager.web.SilencesResource"),
            e('a', "GET", "/api/v2/silence/00000000-0000-0000-0000-000000000000", "reader",
                    "dev.pharos.alertmanager.web.SilencesResource"),
            e('a', "DELETE", "/api/v2/silence/00000000-0000-0000-0000-000000000000", "silencer",
                    "dev.pharos.alertmanager.web.SilencesResource"),
            e('a', "GET", "/api/v2/status", "reader", "dev.pharos.alertmanager.web.StatusResource"),
            e('a', "GET", "/api/v2/receivers", "reader", "dev.pharos.alertmanager.web.StatusResource"),
            e('a', "GET", "/metrics", "reader", "dev.pharos.alertmanager.web.MetricsServlet"),
            new Endpoint('a', "POST", "/-/reload", null, "", "admin", "dev.pharos.alertmanager.web.ReloadServlet"),
            e('a', "GET", "/", "reader", "page"),
            e('a', "GET", "/-/healthy", null, "dev.pharos.alertmanager.web.HealthServlet"));

    private static Endpoint e(char face, String method, String path, String role, String handler) {
        return new Endpoint(face, method, path, null, null, role, handler);
    }

    private static final HttpClient PLAIN = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServer() throws Exception {
        dataDir = Files.createTempDirectory("pharos-security");
        pki = new TestPki(Files.createDirectories(dataDir.resolve("pki")));
        serverPort = Processes.freePort();
        pushPort = Processes.freePort();
        alertPort = Processes.freePort();
        serverHttps = Processes.freePort();
        pushHttps = Processes.freePort();
        alertHttps = Processes.freePort();
        ldap = startLdap();
        oidc = new OidcStandIn();
        StringBuilder users = new StringBuilder("all:all-pw:all");
        for (String r : ROLES) {
            users.append(',').append(r).append(':').append(r).append("-pw:").append(r);
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("pharos.push.port", String.valueOf(pushPort));
        vars.put("pharos.alert.port", String.valueOf(alertPort));
        vars.put("pharos.https.port", String.valueOf(serverHttps));
        vars.put("pharos.push.https.port", String.valueOf(pushHttps));
        vars.put("pharos.alert.https.port", String.valueOf(alertHttps));
        vars.put("pharos.keystore", pki.serverP12.toString());
        vars.put("pharos.keystore.password", TestPki.PASSWORD);
        vars.put("pharos.truststore", pki.trustP12.toString());
        vars.put("pharos.truststore.password", TestPki.PASSWORD);
        vars.put("pharos.alert.https.client.auth", "true");
        vars.put("pharos.auth", "basic");
        vars.put("pharos.users", users.toString());
        vars.put("pharos.ldap.url", "ldap://127.0.0.1:" + ldap.getListenPort());
        vars.put("pharos.ldap.user.dn.pattern", "uid={0},ou=people,dc=example,dc=org");
        vars.put("pharos.ldap.group.base.dn", "ou=groups,dc=example,dc=org");
        vars.put("pharos.ldap.group.roles", "oncall=silencer+reader");
        vars.put("pharos.oidc.issuer", oidc.issuer);
        vars.put("pharos.oidc.audience", "pharos");
        vars.put("pharos.oidc.group.roles", "/platform=admin+reader");
        vars.put("pharos.oidc.client.id", OidcStandIn.CLIENT_ID);
        vars.put("pharos.oidc.client.secret", OidcStandIn.CLIENT_SECRET);
        // Prometheus's web.config.file: a bcrypt user (every role) and a header.
        Path webConfig = Files.writeString(dataDir.resolve("web.yml"), """
                http_server_config:
                  headers:
                    X-XSS-Protection: "1; mode=block"
                basic_auth_users:
                  webcfg: %s
                """.formatted(at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(10,
                "webcfg-pw".toCharArray())));
        vars.put("pharos.web.config.file", webConfig.toString());
        vars.put("pharos.web.max-request-bytes", String.valueOf(1 << 20));
        // As the default configuration does: Pharos scrapes its own faces and alerts its own
        // Alertmanager, with no credentials in the file.
        Path rules = Files.writeString(dataDir.resolve("self-rules.yml"), """
                groups:
                  - name: self
                    rules:
                      - alert: SelfCallsWork
                        expr: vector(1)
                """);
        Path promConfig = Files.writeString(dataDir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: self
                    static_configs:
                      - targets: ["localhost:%d"]
                  - job_name: self-push
                    honor_labels: true
                    static_configs:
                      - targets: ["localhost:%d"]
                rule_files: ["%s"]
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["localhost:%d"]
                """.formatted(serverPort, pushPort, rules, alertPort));
        vars.put("pharos.config.file", promConfig.toString());
        SERVER.create(serverPort, dataDir.resolve("data"), vars).start();
        for (int port : new int[] {serverPort, pushPort, alertPort}) {
            HttpResponse<String> ready = Http.await("http://localhost:" + port + "/-/ready",
                    r -> r.statusCode() == 200, Duration.ofMinutes(3));
            assertNotNull(ready, "security server did not answer on " + port);
            assertEquals(200, ready.statusCode(), ready.body());
        }
        // The API answers once the application is up, not only the health servlet.
        Http.await("http://localhost:" + serverPort + "/api/v1/status/buildinfo", r -> r.statusCode() == 401,
                Duration.ofMinutes(2));
    }

    private static InMemoryDirectoryServer startLdap() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        InMemoryDirectoryServer d = new InMemoryDirectoryServer(cfg);
        d.add("dn: dc=example,dc=org", "objectClass: top", "objectClass: domain", "dc: example");
        d.add("dn: ou=people,dc=example,dc=org", "objectClass: organizationalUnit", "ou: people");
        d.add("dn: ou=groups,dc=example,dc=org", "objectClass: organizationalUnit", "ou: groups");
        d.add("dn: uid=dora,ou=people,dc=example,dc=org", "objectClass: inetOrgPerson", "uid: dora", "cn: Dora",
                "sn: D", "userPassword: dora-ldap-pw");
        d.add("dn: uid=erin,ou=people,dc=example,dc=org", "objectClass: inetOrgPerson", "uid: erin", "cn: Erin",
                "sn: E", "userPassword: erin-ldap-pw");
        d.add("dn: cn=oncall,ou=groups,dc=example,dc=org", "objectClass: groupOfNames", "cn: oncall",
                "member: uid=dora,ou=people,dc=example,dc=org");
        d.startListening();
        return d;
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (ldap != null) {
            ldap.shutDown(true);
        }
        if (oidc != null) {
            oidc.close();
        }
        SERVER.stop();
        if (dataDir != null) {
            ServerDirs.deleteTree(dataDir);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder request(Endpoint ep, boolean https, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ep.url(https))).timeout(Duration.ofSeconds(30));
        if (ep.contentType() != null) {
            b.header("Content-Type", ep.contentType());
        }
        b.method(ep.method(), ep.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(ep.body()));
        if (user != null) {
            b.header("Authorization", basic(user, user + "-pw"));
        }
        return b;
    }

    @Test
    void theMatrixCoversEveryServletAndResource() throws Exception {
        Set<String> inMatrix = new TreeSet<>();
        ENDPOINTS.forEach(ep -> inMatrix.add(ep.handler()));
        Set<String> missing = new TreeSet<>(EndpointRolesIT.endpointClasses().keySet());
        missing.removeAll(inMatrix);
        assertTrue(missing.isEmpty(), "endpoint classes without a row in SecurityIT's matrix: " + missing);
    }

    @Test
    void everyEndpointAgainstAnonymousAndEachRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint ep : ENDPOINTS) {
            List<String> callers = new ArrayList<>();
            callers.add(null);
            callers.addAll(ROLES);
            for (String user : callers) {
                HttpResponse<String> r = PLAIN.send(request(ep, false, user).build(),
                        HttpResponse.BodyHandlers.ofString());
                int code = r.statusCode();
                String expected;
                boolean ok;
                if (ep.role() == null) {
                    expected = "open";
                    ok = code != 401 && code != 403;
                } else if (user == null) {
                    expected = "401 with a basic challenge";
                    ok = code == 401 && r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=");
                } else if (user.equals(ep.role())) {
                    expected = "allowed";
                    ok = code != 401 && code != 403 && code < 500;
                } else {
                    expected = "403";
                    ok = code == 403;
                }
                if (!ok) {
                    wrong.add(ep + " as " + (user == null ? "anonymous" : user) + ": " + code + ", expected " + expected);
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers:\n" + String.join("\n", wrong));
    }

    @Test
    void wrongPasswordsAreRefusedAndHealthStaysOpen() throws Exception {
        HttpResponse<String> r = PLAIN.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort
                + "/api/v1/query?query=1")).header("Authorization", basic("reader", "guess")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        r = PLAIN.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort + "/-/healthy"))
                .header("Authorization", basic("reader", "guess")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "a probe with stale credentials is still a probe");
    }

    @Test
    void httpsOnEveryFaceWithTheConfiguredCertificate() throws Exception {
        HttpClient tls = HttpClient.newBuilder().sslContext(pki.sslContext(true, "TLS")).build();
        for (char face : new char[] {'s', 'p', 'a'}) {
            Endpoint ep = e(face, "GET", face == 'a' ? "/api/v2/status" : face == 'p' ? "/api/v1/status"
                    : "/api/v1/status/buildinfo", "reader", null);
            HttpResponse<String> r = tls.send(request(ep, true, "reader").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), ep + ": " + r.body());
            assertTrue(r.headers().firstValue("Strict-Transport-Security").isPresent(), "HSTS over HTTPS");
        }
    }

    @Test
    void tlsBelow12IsRefused() throws Exception {
        SSLParameters old = new SSLParameters();
        old.setProtocols(new String[] {"TLSv1.1"});
        HttpClient tls11 = HttpClient.newBuilder().sslContext(pki.sslContext(false, "TLS")).sslParameters(old).build();
        Endpoint ep = e('s', "GET", "/-/healthy", null, null);
        assertThrows(IOException.class, () -> tls11.send(request(ep, true, null).build(),
                HttpResponse.BodyHandlers.ofString()));
        SSLParameters v12 = new SSLParameters();
        v12.setProtocols(new String[] {"TLSv1.2"});
        HttpClient tls12 = HttpClient.newBuilder().sslContext(pki.sslContext(false, "TLS")).sslParameters(v12).build();
        assertEquals(200, tls12.send(request(ep, true, null).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theAlertmanagerFaceRequiresAClientCertificate() throws Exception {
        Endpoint ep = e('a', "GET", "/api/v2/status", "reader", null);
        HttpClient noCert = HttpClient.newBuilder().sslContext(pki.sslContext(false, "TLS")).build();
        assertThrows(IOException.class, () -> noCert.send(request(ep, true, "reader").build(),
                HttpResponse.BodyHandlers.ofString()), "mutual TLS: no certificate, no connection");
        HttpClient withCert = HttpClient.newBuilder().sslContext(pki.sslContext(true, "TLS")).build();
        assertEquals(200, withCert.send(request(ep, true, "reader").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        // The server face asks for none.
        Endpoint server = e('s', "GET", "/api/v1/status/buildinfo", "reader", null);
        assertEquals(200, noCert.send(request(server, true, "reader").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
    }

    @Test
    void pagesOfEveryFaceCarrySecurityHeaders() throws Exception {
        for (Endpoint ep : List.of(e('s', "GET", "/query", "reader", null), e('p', "GET", "/", "reader", null),
                e('a', "GET", "/", "reader", null))) {
            HttpResponse<String> r = PLAIN.send(request(ep, false, "reader").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), ep.toString());
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), ep + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), ep.toString());
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), ep.toString());
        }
    }

    @Test
    void stateChangesFromAnotherSiteAreRefused() throws Exception {
        Endpoint reload = new Endpoint('s', "POST", "/-/reload", null, "", "admin", null);
        HttpResponse<String> r = PLAIN.send(request(reload, false, "admin").header("Origin", "http://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("cross-origin POST refused"), r.body());
        r = PLAIN.send(request(reload, false, "admin").header("Origin", "http://localhost:" + serverPort).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "same origin: the UI's own request");
        Endpoint silence = new Endpoint('a', "POST", "/api/v2/silences", "text/plain", SILENCE, "silencer", null);
        r = PLAIN.send(request(silence, false, "silencer").header("Origin", "http://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), "a form post from another site cannot create a silence");
        // A query by POST from Grafana in the browser stays allowed: it changes nothing.
        Endpoint query = new Endpoint('s', "POST", "/api/v1/query", "application/x-www-form-urlencoded", "query=1",
                "reader", null);
        r = PLAIN.send(request(query, false, "reader").header("Origin", "http://grafana.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** A Go http_config file (promtool, amtool, Prometheus) with basic auth and the test CA. */
    private static Path httpConfig(String user, boolean clientCert) throws IOException {
        Path f = pki.dir.resolve("http-" + user + (clientCert ? "-mtls" : "") + ".yml");
        Files.writeString(f, "basic_auth:\n  username: " + user + "\n  password: " + user + "-pw\n"
                + "tls_config:\n  ca_file: " + pki.caPem + "\n"
                + (clientCert ? "  cert_file: " + pki.clientCertPem + "\n  key_file: " + pki.clientKeyPem + "\n" : ""));
        return f;
    }

    @Test
    void promtoolAndAmtoolWorkOverTlsWithBasicAuth() throws Exception {
        // Debian's promtool (2.42) has no --http.config.file for queries: credentials in the URL and
        // the CA through SSL_CERT_FILE, as Go programs read it.
        String out = Processes.run(Duration.ofMinutes(1), Map.of("SSL_CERT_FILE", pki.caPem.toString()), "promtool",
                "query", "instant", "https://reader:reader-pw@localhost:" + serverHttps, "1+1");
        assertTrue(out.contains("2"), out);
        String am = "--alertmanager.url=https://localhost:" + alertHttps;
        String id = Processes.run(Duration.ofMinutes(1), Map.of(), "amtool", am,
                "--http.config.file=" + httpConfig("silencer", true), "silence", "add", "alertname=SecurityPeers",
                "--comment=peer test", "--author=amtool", "--duration=1h").trim();
        assertTrue(id.matches("[0-9a-f-]{36}"), "silence id: " + id);
        String query = Processes.run(Duration.ofMinutes(1), Map.of(), "amtool", am,
                "--http.config.file=" + httpConfig("reader", true), "silence", "query", "-q");
        assertTrue(query.contains(id), query);
    }

    @Test
    void javaClientPushesOverHttpsWithBasicAuth() throws Exception {
        PrometheusRegistry reg = new PrometheusRegistry();
        Gauge.builder().name("security_it_pushed").help("Pushed over HTTPS.").register(reg).set(42);
        SSLContext ctx = pki.sslContext(false, "TLS");
        PushGateway pg = PushGateway.builder().address("localhost:" + pushHttps).scheme(Scheme.HTTPS)
                .basicAuth("pusher", "pusher-pw").job("security-java").registry(reg)
                .connectionFactory(url -> {
                    HttpsURLConnection c = (HttpsURLConnection) url.openConnection();
                    c.setSSLSocketFactory(ctx.getSocketFactory());
                    return c;
                }).build();
        pg.push();
        HttpResponse<String> r = PLAIN.send(request(e('p', "GET", "/metrics", "reader", null), false, "reader").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().contains("security_it_pushed{instance=\"\",job=\"security-java\"} 42"), r.body());
        PushGateway wrongUser = PushGateway.builder().address("localhost:" + pushPort).basicAuth("reader", "reader-pw")
                .job("security-java").registry(reg).build();
        IOException refused = assertThrows(IOException.class, wrongUser::push);
        assertTrue(refused.getMessage().contains("403"), refused.getMessage());
    }

    @Test
    void realPrometheusRemoteWritesAndSendsAlertsOverTls() throws Exception {
        Path rules = Files.writeString(pki.dir.resolve("rules.yml"), """
                groups:
                  - name: security
                    interval: 1s
                    rules:
                      - alert: SecurityPeersAlert
                        expr: vector(1)
                """);
        String config = """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [%s]
                alerting:
                  alertmanagers:
                    - scheme: https
                      basic_auth: {username: alert-sender, password: alert-sender-pw}
                      tls_config: {ca_file: %s, cert_file: %s, key_file: %s}
                      static_configs: [{targets: ['localhost:%d']}]
                remote_write:
                  - url: https://localhost:%d/api/v1/write
                    basic_auth: {username: pusher, password: pusher-pw}
                    tls_config: {ca_file: %s}
                    queue_config: {batch_send_deadline: 1s}
                scrape_configs:
                  - job_name: security-prom
                    static_configs: [{targets: ['127.0.0.1:{{PORT}}']}]
                """.formatted(rules, pki.caPem, pki.clientCertPem, pki.clientKeyPem, alertHttps, serverHttps, pki.caPem);
        try (RemotePrometheus prom = RemotePrometheus.start(config)) {
            HttpRequest.Builder q = HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort
                    + "/api/v1/query?query=up%7Bjob%3D%22security-prom%22%7D"))
                    .header("Authorization", basic("reader", "reader-pw"));
            HttpResponse<String> r = awaitBody(q, b -> b.contains("\"security-prom\""));
            assertTrue(r.body().contains("\"security-prom\""), "remote write over TLS arrived: " + r.body() + prom.log());
            HttpRequest.Builder alerts = HttpRequest.newBuilder(URI.create("http://localhost:" + alertPort
                    + "/api/v2/alerts")).header("Authorization", basic("reader", "reader-pw"));
            r = awaitBody(alerts, b -> b.contains("SecurityPeersAlert"));
            assertTrue(r.body().contains("SecurityPeersAlert"), "alert over mutual TLS arrived: " + r.body() + prom.log());
        }
    }

    private static HttpResponse<String> awaitBody(HttpRequest.Builder b, java.util.function.Predicate<String> ok)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r;
        do {
            r = PLAIN.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (ok.test(r.body())) {
                return r;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < end);
        return r;
    }

    private static int status(String url, String method, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return PLAIN.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Secure by default must not break the default configuration: Pharos's scrapes of its own
     * faces and its alerts to its own Alertmanager authenticate with the per-start self token,
     * which nothing outside the process can use.
     */
    @Test
    void pharosScrapesAndAlertsItselfWithoutConfiguredCredentials() throws Exception {
        String up = "http://localhost:" + serverPort + "/api/v1/query?query="
                + URLEncoder.encode("sum(up{job=~\"self|self-push\"})", StandardCharsets.UTF_8);
        HttpResponse<String> r = awaitBody(HttpRequest.newBuilder(URI.create(up))
                .header("Authorization", basic("reader", "reader-pw")), b -> b.contains("\"2\"]"));
        assertTrue(r.body().contains("\"2\"]"), "both self-scrapes are up: " + r.body());
        HttpResponse<String> alerts = awaitBody(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + alertPort + "/api/v2/alerts"))
                .header("Authorization", basic("reader", "reader-pw")), b -> b.contains("SelfCallsWork"));
        assertTrue(alerts.body().contains("SelfCallsWork"), "the rule's alert reached the Alertmanager: " + alerts.body());
        // A made-up bearer token is refused like any other wrong credential.
        assertEquals(401, status(up, "GET", "Bearer " + "x".repeat(43)));
    }

    @Test
    void ldapUsersLogInWithTheRolesOfTheirGroups() throws Exception {
        String query = "http://localhost:" + serverPort + "/api/v1/query?query=1";
        String silences = "http://localhost:" + alertPort + "/api/v2/silences";
        assertEquals(200, status(query, "GET", basic("dora", "dora-ldap-pw")), "oncall grants reader");
        assertEquals(200, status(silences, "GET", basic("dora", "dora-ldap-pw")));
        assertEquals(403, status("http://localhost:" + serverPort + "/-/reload", "POST", basic("dora", "dora-ldap-pw")));
        assertEquals(401, status(query, "GET", basic("dora", "wrong")));
        assertEquals(401, status(query, "GET", basic("dora", "")), "an empty password is not an anonymous bind");
        assertEquals(403, status(query, "GET", basic("erin", "erin-ldap-pw")), "a user in no mapped group has no role");
    }

    @Test
    void bearerTokensOfTheOidcProvider() throws Exception {
        String query = "http://localhost:" + serverPort + "/api/v1/query?query=1";
        String reload = "http://localhost:" + serverPort + "/-/reload";
        String platform = "Bearer " + oidc.token("frank", "[\"/platform\"]", "pharos");
        assertEquals(200, status(query, "GET", platform));
        assertEquals(200, status(reload, "POST", platform), "the group maps to admin");
        String nobody = "Bearer " + oidc.token("gina", "[]", "pharos");
        assertEquals(403, status(query, "GET", nobody));
        String otherAudience = "Bearer " + oidc.token("frank", "[\"/platform\"]", "grafana");
        assertEquals(401, status(query, "GET", otherAudience));
        String[] p = platform.substring(7).split("\\.");
        String forged = "Bearer " + p[0] + "." + OidcStandIn.b64(("{\"iss\":\"" + oidc.issuer
                + "\",\"aud\":\"pharos\",\"preferred_username\":\"mallory\",\"groups\":[\"/platform\"],"
                + "\"exp\":9999999999}").getBytes(StandardCharsets.UTF_8)) + "." + p[2];
        assertEquals(401, status(query, "GET", forged));
        HttpResponse<String> r = PLAIN.send(HttpRequest.newBuilder(URI.create(query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Bearer")),
                r.headers().map().toString());
    }

    @Test
    void webConfigFileUsersAndHeadersCarryOver() throws Exception {
        String reload = "http://localhost:" + serverPort + "/-/reload";
        assertEquals(200, status(reload, "POST", basic("webcfg", "webcfg-pw")), "web.config.file users may do all");
        assertEquals(401, status(reload, "POST", basic("webcfg", "wrong")));
        HttpResponse<String> r = PLAIN.send(request(e('s', "GET", "/api/v1/status/buildinfo", "reader", null), false,
                "reader").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("1; mode=block", r.headers().firstValue("X-XSS-Protection").orElse(""));
    }

    @Test
    void secretsAreNeitherShownNorLogged() throws Exception {
        for (String path : List.of("/api/v1/status/flags", "/api/v1/status/config", "/api/v1/status/runtimeinfo")) {
            String body = PLAIN.send(request(e('s', "GET", path, "reader", null), false, "reader").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String secret : List.of("all-pw", "reader-pw", "admin-pw", TestPki.PASSWORD)) {
                assertTrue(!body.contains(secret), path + " shows " + secret + ": " + body);
            }
        }
        Path log = SERVER.messagesLog();
        String text = Files.readString(log);
        for (String secret : List.of("all-pw", "reader-pw", "admin-pw", "dora-ldap-pw")) {
            assertTrue(!text.contains(secret), "messages.log shows " + secret);
        }
    }

    @Test
    void requestBodiesAreLimited() throws Exception {
        byte[] big = new byte[(1 << 20) + 1];
        HttpResponse<String> r = PLAIN.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort
                + "/api/v1/write")).header("Authorization", basic("pusher", "pusher-pw"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("PHAROS_WEB_MAX_REQUEST_BYTES"), r.body());
    }

    @Test
    void stateChangesAreAuditedWithWhoAndFromWhere() throws Exception {
        assertEquals(200, status("http://localhost:" + serverPort + "/-/reload", "POST", basic("admin", "admin-pw")));
        assertEquals(202, status("http://localhost:" + pushPort + "/api/v1/admin/wipe", "PUT", basic("admin", "admin-pw")));
        String body = PLAIN.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort
                + "/api/v1/audit?limit=50")).header("Authorization", basic("admin", "admin-pw")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(body.contains("\"user\":\"admin\",\"action\":\"reload\""), body);
        assertTrue(body.contains("\"action\":\"pushgateway.wipe\""), body);
        assertTrue(body.contains("\"remote\":\"127.0.0.1\"") || body.contains("\"remote\":\"0:0:0:0:0:0:0:1\""), body);
    }

    @Test
    void browsersLogInThroughTheOidcProvider() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort
                + "/query?g0.expr=up")).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("/query", page.uri().getPath(), "back where the browser wanted to go");
        assertTrue(page.body().contains("<html") || page.body().contains("<!DOCTYPE"), page.body());
        HttpResponse<String> api = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort
                + "/api/v1/query?query=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, api.statusCode(), "the session carries the login: " + api.body());
        // A forged callback (no login started by this browser) gets nowhere.
        HttpResponse<String> forged = PLAIN.send(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort
                + "/-/oidc/callback?code=x&state=y")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode());
        // An API client without credentials still gets a challenge, not a redirect.
        assertEquals(401, status("http://localhost:" + serverPort + "/api/v1/query?query=1", "GET", null));
    }
}
