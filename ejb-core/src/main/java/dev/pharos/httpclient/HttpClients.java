package dev.pharos.httpclient;

import dev.pharos.config.HttpClientConfig;
import dev.pharos.config.Secret;
import dev.pharos.config.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds {@link HttpClient}s and per-request headers from an {@code http_config}. One client
 * per configuration is shared by all requests of it (connection reuse); secrets held in
 * files are read per request, so rotating a token file needs no reload, as in Prometheus.
 */
public final class HttpClients {

    private HttpClients() {
    }

    /**
     * A client for the configuration and URL scheme; TLS problems (unreadable CA, bad key)
     * fail here.
     */
    public static HttpClient build(HttpClientConfig cfg, Duration connectTimeout, String scheme) throws IOException {
        return build(cfg, connectTimeout, scheme, null);
    }

    /**
     * Like {@link #build(HttpClientConfig, Duration, String)}, with {@code proxy} (when not
     * null) deciding the proxy instead of proxy_url / proxy_from_environment: the
     * Alertmanager's receivers pass {@link ProxyRules} so that no_proxy is honoured.
     */
    public static HttpClient build(HttpClientConfig cfg, Duration connectTimeout, String scheme, ProxySelector proxy)
            throws IOException {
        // Plain-HTTP h2c upgrades confuse some exporters: HTTP/2 only over TLS (ALPN).
        boolean http2 = cfg.enableHttp2() && "https".equalsIgnoreCase(scheme);
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(http2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(cfg.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        TlsConfig tls = cfg.tlsConfig();
        if (tls != null && !tls.isEmpty()) {
            try {
                b.sslContext(sslContext(tls));
            } catch (GeneralSecurityException e) {
                throw new IOException("TLS configuration: " + e.getMessage(), e);
            }
            b.sslParameters(sslParameters(tls));
        }
        if (proxy != null) {
            b.proxy(proxy);
        } else if (cfg.proxyUrl() != null && !cfg.proxyUrl().isEmpty()) {
            URI p = URI.create(cfg.proxyUrl());
            int port = p.getPort() > 0 ? p.getPort() : ("https".equals(p.getScheme()) ? 443 : 80);
            b.proxy(ProxySelector.of(new InetSocketAddress(p.getHost(), port)));
        } else if (cfg.proxyFromEnvironment()) {
            b.proxy(ProxySelector.getDefault());
        }
        return b.build();
    }

    /** server_name as the SNI name and min_version as the lowest protocol offered. */
    public static SSLParameters sslParameters(TlsConfig tls) {
        SSLParameters params = new SSLParameters();
        if (!tls.serverName().isEmpty()) {
            params.setServerNames(List.of(new SNIHostName(tls.serverName())));
        }
        params.setProtocols(protocols(tls.minVersion()));
        return params;
    }

    /** Adds the configured authentication and extra headers to a request. */
    public static void authenticate(HttpRequest.Builder req, HttpClientConfig cfg) throws IOException {
        if (cfg.basicAuth() != null) {
            HttpClientConfig.BasicAuth ba = cfg.basicAuth();
            String user = ba.usernameFile() != null && !ba.usernameFile().isEmpty()
                    ? readTrimmed(ba.usernameFile()) : nullToEmpty(ba.username());
            String pass = ba.passwordFile() != null && !ba.passwordFile().isEmpty()
                    ? readTrimmed(ba.passwordFile()) : secret(ba.password());
            req.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
        } else if (cfg.authorization() != null) {
            HttpClientConfig.Authorization a = cfg.authorization();
            String cred = a.credentialsFile() != null && !a.credentialsFile().isEmpty()
                    ? readTrimmed(a.credentialsFile()) : secret(a.credentials());
            String type = a.type() == null || a.type().isEmpty() ? "Bearer" : a.type();
            req.header("Authorization", type + " " + cred);
        } else if (cfg.oauth2() != null) {
            req.header("Authorization", "Bearer " + OAuth2Tokens.token(cfg.oauth2()));
        }
        for (Map.Entry<String, HttpClientConfig.Header> h : cfg.httpHeaders().entrySet()) {
            HttpClientConfig.Header v = h.getValue();
            for (String s : v.values()) {
                req.header(h.getKey(), s);
            }
            for (Secret s : v.secrets()) {
                req.header(h.getKey(), s.value());
            }
            for (String f : v.files()) {
                req.header(h.getKey(), readTrimmed(f));
            }
        }
    }

    /**
     * proxy_connect_header for a request through a proxy: the JDK's client sends a request's
     * headers named {@code Proxy-*} on the CONNECT that opens the tunnel to an https target
     * (and leaves them out of the tunnelled request), which is where Go sends
     * ProxyConnectHeader. It has no way to send other header names on the CONNECT (they are
     * returned, not sent), and it drops {@code Proxy-Authorization: Basic ...} there itself
     * unless the JVM runs with {@code -Djdk.http.auth.tunneling.disabledSchemes=""}. Plain-http
     * targets get none, as in Go.
     */
    public static List<String> proxyConnectHeaders(HttpRequest.Builder req, HttpClientConfig cfg, URI target,
            ProxySelector proxy) {
        List<String> unsendable = new java.util.ArrayList<>();
        for (String name : cfg.proxyConnectHeader().keySet()) {
            if (!name.regionMatches(true, 0, "Proxy-", 0, 6)) {
                unsendable.add(name);
            }
        }
        boolean tunnelled = "https".equalsIgnoreCase(target.getScheme()) && proxy != null
                && proxy.select(target).stream().anyMatch(p -> p.type() == java.net.Proxy.Type.HTTP);
        if (!tunnelled) {
            return unsendable;
        }
        for (Map.Entry<String, List<Secret>> h : cfg.proxyConnectHeader().entrySet()) {
            if (!unsendable.contains(h.getKey())) {
                for (Secret v : h.getValue()) {
                    req.header(h.getKey(), v.value());
                }
            }
        }
        return unsendable;
    }

    /**
     * The SSL context of a tls_config: its CA (or any certificate with insecure_skip_verify)
     * and its client certificate; the JDK's defaults for what it leaves out.
     */
    public static SSLContext sslContext(TlsConfig tls) throws IOException, GeneralSecurityException {
        TrustManager[] trust = null;
        if (tls.insecureSkipVerify()) {
            trust = new TrustManager[] {new TrustAll()};
        } else {
            String caPem = !tls.ca().isEmpty() ? tls.ca() : (!tls.caFile().isEmpty() ? read(tls.caFile()) : null);
            if (caPem != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (Certificate c : PemReader.certificates(caPem)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            }
        }
        javax.net.ssl.KeyManager[] keys = null;
        String certPem = !tls.cert().isEmpty() ? tls.cert() : (!tls.certFile().isEmpty() ? read(tls.certFile()) : null);
        if (certPem != null) {
            String keyPem = tls.key() != null ? tls.key().value() : read(tls.keyFile());
            char[] pw = "pharos".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", PemReader.privateKey(keyPem), pw,
                    PemReader.certificates(certPem).toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            keys = kmf.getKeyManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, trust, new SecureRandom());
        return ctx;
    }

    private static String[] protocols(String minVersion) {
        if ("TLS13".equalsIgnoreCase(minVersion)) {
            return new String[] {"TLSv1.3"};
        }
        // Prometheus's default minimum is TLS 1.2.
        return new String[] {"TLSv1.3", "TLSv1.2"};
    }

    private static String secret(Secret s) {
        return s == null ? "" : s.value();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    }

    static String readTrimmed(String file) throws IOException {
        return read(file).trim();
    }

    /** insecure_skip_verify: accepts any server certificate, as the user asked. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
