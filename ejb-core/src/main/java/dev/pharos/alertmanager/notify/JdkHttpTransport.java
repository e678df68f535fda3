package dev.pharos.alertmanager.notify;

import dev.pharos.alertmanager.config.HttpClientConfig;
import dev.pharos.alertmanager.config.TlsConfig;
import dev.pharos.httpclient.HttpClients;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
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
 * HTTP with java.net.http.HttpClient configured from an {@code http_config}: basic auth,
 * authorization / bearer token (inline or from files), custom headers, TLS (CA, client
 * certificate and PKCS#8 key, insecure_skip_verify), proxy_url, follow_redirects, HTTP/2.
 */
public final class JdkHttpTransport implements HttpTransport {

    public static final String USER_AGENT = "Alertmanager/pharos";

    private final HttpClientConfig cfg;
    private final HttpClient client;

    public JdkHttpTransport(HttpClientConfig cfg) {
        this.cfg = cfg;
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(cfg.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .version(cfg.enableHttp2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        ProxyRules proxy = cfg.proxyUrl() != null && !cfg.proxyUrl().isEmpty()
                ? ProxyRules.of(cfg.proxyUrl(), cfg.noProxy())
                : cfg.proxyFromEnvironment() ? ProxyRules.fromEnvironment(System.getenv()) : null;
        if (proxy != null) {
            b.proxy(proxy);
        }
        try {
            SSLContext ssl = sslContext(cfg.tlsConfig());
            if (ssl != null) {
                b.sslContext(ssl);
            }
            b.sslParameters(sslParameters(cfg.tlsConfig()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("invalid tls_config: " + e.getMessage(), e);
        }
        this.client = b.build();
    }

    @Override
    public Response send(HttpRequestSpec req) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(req.url()))
                .timeout(req.timeout() == null || req.timeout().isZero() ? Duration.ofSeconds(30) : req.timeout())
                .header("User-Agent", USER_AGENT)
                .method(req.method(), req.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(req.body(), StandardCharsets.UTF_8));
        for (Map.Entry<String, List<String>> h : cfg.headers().entrySet()) {
            for (String v : h.getValue()) {
                b.header(h.getKey(), v.startsWith(HttpClientConfig.FILE_PREFIX)
                        ? SecretFiles.read(v.substring(HttpClientConfig.FILE_PREFIX.length())) : v);
            }
        }
        String auth = authorization();
        if (auth != null) {
            b.header("Authorization", auth);
        } else if (cfg.oauth2() != null) {
            // Client-credentials token from the shared client (cached until shortly before expiry).
            HttpClients.authenticate(b, new dev.pharos.config.HttpClientConfig(null, null, cfg.oauth2(),
                    dev.pharos.config.TlsConfig.EMPTY, true, true, "", "", false, Map.of(), Map.of()));
        }
        req.headers().forEach(b::setHeader);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private String authorization() throws IOException {
        if (cfg.hasBasicAuth()) {
            String pass = cfg.basicAuthPassword();
            if (cfg.basicAuthPasswordFile() != null && !cfg.basicAuthPasswordFile().isEmpty()) {
                pass = SecretFiles.read(cfg.basicAuthPasswordFile());
            }
            String token = cfg.basicAuthUsername() + ":" + (pass == null ? "" : pass);
            return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        }
        if (cfg.hasAuthorization()) {
            String cred = cfg.authorizationCredentials();
            if (cfg.authorizationCredentialsFile() != null && !cfg.authorizationCredentialsFile().isEmpty()) {
                cred = SecretFiles.read(cfg.authorizationCredentialsFile());
            }
            return cfg.authorizationType() + " " + cred;
        }
        if (cfg.bearerToken() != null) {
            return "Bearer " + cfg.bearerToken();
        }
        if (cfg.bearerTokenFile() != null) {
            return "Bearer " + SecretFiles.read(cfg.bearerTokenFile());
        }
        return null;
    }

    /**
     * server_name as the SNI name and min_version as the lowest protocol (Go's default
     * minimum is TLS 1.2; TLS10/TLS11 are not offered by the JDK any more and mean 1.2).
     */
    static SSLParameters sslParameters(TlsConfig tls) {
        SSLParameters p = new SSLParameters();
        if (tls.serverName() != null && !tls.serverName().isEmpty()) {
            p.setServerNames(List.of(new SNIHostName(tls.serverName())));
        }
        p.setProtocols("TLS13".equalsIgnoreCase(tls.minVersion()) ? new String[] {"TLSv1.3"}
                : new String[] {"TLSv1.3", "TLSv1.2"});
        return p;
    }

    /** The SSL context a tls_config asks for; null when the JDK's default trust and no client certificate do. */
    public static SSLContext sslContext(TlsConfig tls) throws GeneralSecurityException, IOException {
        boolean custom = tls.insecureSkipVerify() || !tls.ca().isEmpty() || !tls.caFile().isEmpty()
                || !tls.cert().isEmpty() || !tls.certFile().isEmpty();
        if (!custom) {
            return null;
        }
        TrustManager[] trust = null;
        if (tls.insecureSkipVerify()) {
            trust = new TrustManager[] {new X509TrustManager() {
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
            }};
        } else if (!tls.ca().isEmpty() || !tls.caFile().isEmpty()) {
            String pem = !tls.ca().isEmpty() ? tls.ca() : Files.readString(Path.of(tls.caFile()));
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certificates(pem)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            trust = tmf.getTrustManagers();
        }
        javax.net.ssl.KeyManager[] keys = null;
        if (!tls.cert().isEmpty() || !tls.certFile().isEmpty()) {
            String certPem = !tls.cert().isEmpty() ? tls.cert() : Files.readString(Path.of(tls.certFile()));
            String keyPem = !tls.key().isEmpty() ? tls.key() : Files.readString(Path.of(tls.keyFile()));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", privateKey(keyPem), new char[0],
                    certificates(certPem).toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            keys = kmf.getKeyManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keys, trust, null);
        return ctx;
    }

    private static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported private key (PKCS#8 RSA, EC or Ed25519 expected)");
    }
}
