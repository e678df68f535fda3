package dev.pharos.security;

import dev.pharos.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An OpenID Connect provider as Pharos uses it: its endpoints and signing keys, found through
 * its discovery document
 * ({@code <issuer>/.well-known/openid-configuration} -> {@code jwks_uri}). A token signed by a key
 * id not seen yet makes it fetch the set again (providers rotate keys), at most every 30 seconds
 * so that made-up key ids cannot make Pharos hammer the provider.
 */
public final class OidcProvider implements Function<String, PublicKey> {

    private static final Logger LOG = Logger.getLogger(OidcProvider.class.getName());
    private static final long REFETCH_MILLIS = 30_000;

    private final String issuer;
    private final HttpClient http;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Map<String, Object> discovery = Map.of();
    private volatile long fetchedAt;

    public OidcProvider(String issuer, HttpClient http) {
        this.issuer = issuer;
        this.http = http;
    }

    @Override
    public PublicKey apply(String kid) {
        PublicKey k = keys.get(kid);
        if (k == null && System.currentTimeMillis() - fetchedAt > REFETCH_MILLIS) {
            synchronized (this) {
                if (System.currentTimeMillis() - fetchedAt > REFETCH_MILLIS) {
                    refresh();
                }
            }
            k = keys.get(kid);
        }
        if (k == null && kid.isEmpty() && keys.size() == 1) {
            k = keys.values().iterator().next(); // a provider with one key may leave out kid
        }
        return k;
    }

    private void refresh() {
        fetchedAt = System.currentTimeMillis();
        try {
            Map<String, Object> doc = JsonReader.parseObject(get(issuer + "/.well-known/openid-configuration"));
            discovery = doc;
            Object jwksUri = doc.get("jwks_uri");
            if (jwksUri == null) {
                throw new IOException("discovery document without jwks_uri");
            }
            keys = JsonWebKeys.read(JsonReader.parseObject(get(String.valueOf(jwksUri))));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "OpenID Connect provider " + issuer + ": cannot read its keys: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An endpoint named in the discovery document ({@code authorization_endpoint}, {@code token_endpoint}). */
    public String endpoint(String name) throws IOException {
        Object url = discovery.get(name);
        if (url == null) {
            synchronized (this) {
                refresh();
            }
            url = discovery.get(name);
        }
        if (url == null) {
            throw new IOException("the provider's discovery document names no " + name);
        }
        return String.valueOf(url);
    }

    /** Where to send a browser to log in (authorization code flow). */
    public String authorizationUrl(String clientId, String redirectUri, String state, String nonce) throws IOException {
        String base = endpoint("authorization_endpoint");
        return base + (base.contains("?") ? "&" : "?") + "response_type=code&scope=openid%20profile"
                + "&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirectUri) + "&state=" + enc(state)
                + "&nonce=" + enc(nonce);
    }

    /** Trades an authorization code for the ID token (client_secret_basic). */
    public String exchangeCode(String code, String redirectUri, String clientId, String clientSecret)
            throws IOException, InterruptedException {
        String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
                + "&client_id=" + enc(clientId);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint("token_endpoint")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (clientSecret != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (enc(clientId) + ":" + enc(clientSecret)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("token endpoint answered HTTP " + r.statusCode());
        }
        Object idToken = JsonReader.parseObject(r.body()).get("id_token");
        if (idToken == null) {
            throw new IOException("token endpoint answered without id_token");
        }
        return String.valueOf(idToken);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + r.statusCode());
        }
        return r.body();
    }
}
