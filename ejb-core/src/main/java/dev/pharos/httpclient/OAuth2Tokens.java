package dev.pharos.httpclient;

import dev.pharos.config.HttpClientConfig;
import dev.pharos.config.TlsConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OAuth2 client-credentials tokens for outbound requests, cached per client until shortly
 * before they expire.
 */
final class OAuth2Tokens {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    private static final Map<ClientKey, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private record Cached(String token, long expiresAtMillis) {
    }

    /** What makes a token request's transport differ from the plain one: oauth2's own TLS and proxy. */
    private record ClientKey(TlsConfig tls, String proxyUrl, String noProxy, boolean proxyFromEnvironment) {
    }

    private OAuth2Tokens() {
    }

    static String token(HttpClientConfig.OAuth2 o) throws IOException {
        String secret = o.clientSecretFile() != null && !o.clientSecretFile().isEmpty()
                ? HttpClients.readTrimmed(o.clientSecretFile())
                : (o.clientSecret() == null ? "" : o.clientSecret().value());
        String key = o.tokenUrl() + "|" + o.clientId() + "|" + secret.hashCode();
        Cached c = CACHE.get(key);
        long now = System.currentTimeMillis();
        if (c != null && c.expiresAtMillis > now + 10_000) {
            return c.token;
        }
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        form.append("&client_id=").append(enc(o.clientId())).append("&client_secret=").append(enc(secret));
        if (o.scopes() != null && !o.scopes().isEmpty()) {
            form.append("&scope=").append(enc(String.join(" ", o.scopes())));
        }
        if (o.endpointParams() != null) {
            o.endpointParams().forEach((k, v) -> form.append('&').append(enc(k)).append('=').append(enc(v)));
        }
        URI tokenUri = URI.create(o.tokenUrl());
        HttpRequest.Builder rb = HttpRequest.newBuilder(tokenUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (o.proxyConnectHeader() != null && !o.proxyConnectHeader().isEmpty()) {
            // oauth2's own proxy_connect_header, on the CONNECT of the token request's proxy.
            HttpClients.proxyConnectHeaders(rb, new HttpClientConfig(null, null, null, TlsConfig.EMPTY, true, false,
                    o.proxyUrl(), o.noProxy(), o.proxyFromEnvironment(), o.proxyConnectHeader(), Map.of()), tokenUri,
                    ProxyRules.forSettings(o.proxyUrl(), o.noProxy(), o.proxyFromEnvironment()));
        }
        HttpRequest req = rb.build();
        try {
            HttpResponse<String> resp = client(o).send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 != 2) {
                throw new IOException("oauth2 token request to " + o.tokenUrl() + " returned HTTP " + resp.statusCode());
            }
            Matcher m = ACCESS_TOKEN.matcher(resp.body());
            if (!m.find()) {
                throw new IOException("oauth2 token response has no access_token");
            }
            Matcher e = EXPIRES_IN.matcher(resp.body());
            long expires = e.find() ? now + Long.parseLong(e.group(1)) * 1000 : now + 3_600_000;
            CACHE.put(key, new Cached(m.group(1), expires));
            return m.group(1);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching an oauth2 token", ie);
        }
    }

    /**
     * The client for the token request: oauth2's own tls_config and proxy settings (proxy_url
     * with no_proxy, or proxy_from_environment), not those of the request it authenticates.
     */
    static HttpClient client(HttpClientConfig.OAuth2 o) throws IOException {
        TlsConfig tls = o.tlsConfig() == null ? TlsConfig.EMPTY : o.tlsConfig();
        ProxyRules proxy = ProxyRules.forSettings(o.proxyUrl(), o.noProxy(), o.proxyFromEnvironment());
        if (tls.isEmpty() && proxy == null) {
            return CLIENT;
        }
        ClientKey key = new ClientKey(tls, o.proxyUrl(), o.noProxy(), o.proxyFromEnvironment());
        HttpClient c = CLIENTS.get(key);
        if (c == null) {
            HttpClientConfig cfg = new HttpClientConfig(null, null, null, tls, true, false, "", "", false, Map.of(),
                    Map.of());
            c = HttpClients.build(cfg, Duration.ofSeconds(10), URI.create(o.tokenUrl()).getScheme(), proxy);
            CLIENTS.putIfAbsent(key, c);
        }
        return c;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
