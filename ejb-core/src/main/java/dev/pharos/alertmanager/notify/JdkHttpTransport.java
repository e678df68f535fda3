package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.config.HttpClientConfig;
import dev.pharos.alertmanager.config.TlsConfig;
import dev.pharos.httpclient.HttpClients;
import dev.pharos.httpclient.ProxyRules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A receiver's HTTP through the shared {@link HttpClients} (the client scraping uses): TLS,
 * redirects, HTTP/2 over TLS, authentication (basic with username/password files,
 * authorization, bearer, OAuth2 with its own TLS and proxy) and http_headers. The proxy follows
 * Prometheus' rules including no_proxy ({@link ProxyRules}); proxy_connect_header reaches the
 * CONNECT as far as the JDK allows (see {@link HttpClients#proxyConnectHeaders}). One JDK
 * client per URL scheme is built on first use and kept, so connections are reused.
 */
public final class JdkHttpTransport implements HttpTransport {

    public static final String USER_AGENT = "Alertmanager/pharos";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(JdkHttpTransport.class.getName());

    private final dev.pharos.config.HttpClientConfig cfg;
    private final ProxyRules proxy;
    private HttpClient httpClient;
    private HttpClient httpsClient;

    /** Fails (IllegalArgumentException) on a tls_config that cannot be used: unreadable CA, bad key. */
    public JdkHttpTransport(HttpClientConfig config) {
        this.cfg = config.toShared();
        this.proxy = ProxyRules.forSettings(cfg.proxyUrl(), cfg.noProxy(), cfg.proxyFromEnvironment());
        List<String> unsendable = HttpClients.proxyConnectHeaders(HttpRequest.newBuilder(), cfg,
                URI.create("http://localhost/"), null);
        if (!unsendable.isEmpty()) {
            LOG.warning("proxy_connect_header " + unsendable + " not sent: the JDK HTTP client sends only "
                    + "Proxy-* headers on a proxy CONNECT (and Proxy-Authorization: Basic only with "
                    + "-Djdk.http.auth.tunneling.disabledSchemes=\"\")");
        }
        if (!cfg.tlsConfig().isEmpty()) {
            // Checked now, so that a bad tls_config shows when the configuration is applied.
            try {
                HttpClients.sslContext(cfg.tlsConfig());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("invalid tls_config: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Response send(HttpRequestSpec req) throws IOException, InterruptedException {
        URI uri = URI.create(req.url());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(req.timeout() == null || req.timeout().isZero() ? Duration.ofSeconds(30) : req.timeout())
                .header("User-Agent", USER_AGENT)
                .method(req.method(), req.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(req.body(), StandardCharsets.UTF_8));
        // Authorization (files read now, OAuth2 token cached until shortly before expiry) and http_headers.
        HttpClients.authenticate(b, cfg);
        HttpClients.proxyConnectHeaders(b, cfg, uri, proxy);
        req.headers().forEach(b::setHeader);
        HttpResponse<String> r = client(uri.getScheme()).send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** The client for the scheme (HTTP/2 only over TLS), built on first use. */
    private synchronized HttpClient client(String scheme) throws IOException {
        boolean tls = "https".equalsIgnoreCase(scheme);
        HttpClient c = tls ? httpsClient : httpClient;
        if (c == null) {
            c = HttpClients.build(cfg, CONNECT_TIMEOUT, tls ? "https" : "http", proxy);
            if (tls) {
                httpsClient = c;
            } else {
                httpClient = c;
            }
        }
        return c;
    }

    /** server_name as the SNI name and min_version as the lowest protocol (TLS 1.2 unless TLS13). */
    static SSLParameters sslParameters(TlsConfig tls) {
        return HttpClients.sslParameters(tls.toShared());
    }

    /**
     * The SSL context a tls_config asks for (the e-mail sender uses it for SMTP too); null when
     * the JDK's default trust and no client certificate do.
     */
    public static SSLContext sslContext(TlsConfig tls) throws GeneralSecurityException, IOException {
        boolean custom = tls.insecureSkipVerify() || !tls.ca().isEmpty() || !tls.caFile().isEmpty()
                || !tls.cert().isEmpty() || !tls.certFile().isEmpty();
        return custom ? HttpClients.sslContext(tls.toShared()) : null;
    }
}
