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
 * The provider's signing keys, found through its discovery document
 * ({@code <issuer>/.well-known/openid-configuration} -> {@code jwks_uri}). A token signed by a key
 * id not seen yet makes it fetch the set again (providers rotate keys), at most every 30 seconds
 * so that made-up key ids cannot make Pharos hammer the provider.
 */
public final class OidcProviderKeys implements Function<String, PublicKey> {

    private static final Logger LOG = Logger.getLogger(OidcProviderKeys.class.getName());
    private static final long REFETCH_MILLIS = 30_000;

    private final String issuer;
    private final HttpClient http;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile long fetchedAt;

    public OidcProviderKeys(String issuer, HttpClient http) {
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
            Map<String, Object> discovery = JsonReader.parseObject(get(issuer + "/.well-known/openid-configuration"));
            Object jwksUri = discovery.get("jwks_uri");
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

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + r.statusCode());
        }
        return r.body();
    }
}
