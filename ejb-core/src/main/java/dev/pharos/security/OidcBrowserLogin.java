package dev.pharos.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Browser login to the pages through the OpenID Connect provider (authorization code flow):
 * the browser is sent to the provider with a random {@code state} and {@code nonce}, comes back
 * with a code, which Pharos trades for an ID token and checks like a bearer token (audience:
 * Pharos's client id, and the nonce of this login).
 */
public final class OidcBrowserLogin {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final BearerTokenVerifier idTokens;

    public OidcBrowserLogin(OidcSettings settings, OidcProvider provider, Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.idTokens = new BearerTokenVerifier(settings.forIdTokens(), provider, clock);
    }

    /** A fresh random value for state or nonce. */
    public static String random() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public String authorizationUrl(String redirectUri, String state, String nonce) throws IOException {
        return provider.authorizationUrl(settings.clientId(), redirectUri, state, nonce);
    }

    /** Trades the code for an ID token and returns who logged in. */
    public BearerTokenVerifier.Identity finish(String code, String redirectUri, String nonce)
            throws IOException, InterruptedException, GeneralSecurityException {
        String idToken = provider.exchangeCode(code, redirectUri, settings.clientId(), settings.clientSecret());
        return idTokens.verify(idToken, nonce);
    }
}
