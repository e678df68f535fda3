package dev.pharos.security;

import dev.pharos.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a JWT bearer token from the OpenID Connect provider: an asymmetric signature by one of
 * the provider's keys (RS256/384/512, ES256/384/512; "none" and shared-secret HMAC are refused,
 * so a forged header cannot pick a weaker check), the issuer, the audience, the expiry and
 * not-before times with a minute of clock skew. The user's roles come from the groups claim.
 */
public final class BearerTokenVerifier {

    /** Who the token says the caller is, and what they may do. */
    public record Identity(String name, Set<String> roles) {
    }

    private static final long SKEW_SECONDS = 60;

    private final OidcSettings settings;
    private final Function<String, PublicKey> keys;
    private final Clock clock;

    /**
     * @param keys the provider's public key for a key id (may refetch the JWK Set); null if unknown
     */
    public BearerTokenVerifier(OidcSettings settings, Function<String, PublicKey> keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
    }

    /** The identity in a valid token; throws with the reason otherwise. */
    public Identity verify(String token) throws GeneralSecurityException {
        return verify(token, null);
    }

    /** As {@link #verify(String)}, and the token's {@code nonce} must be {@code nonce} (ID tokens of a login). */
    public Identity verify(String token, String nonce) throws GeneralSecurityException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new GeneralSecurityException("not a signed JWT");
        }
        Map<String, Object> header = json(parts[0]);
        Map<String, Object> claims = json(parts[1]);
        String alg = String.valueOf(header.get("alg"));
        String javaAlg = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "ES384" -> "SHA384withECDSAinP1363Format";
            case "ES512" -> "SHA512withECDSAinP1363Format";
            default -> throw new GeneralSecurityException("signature algorithm " + alg + " is not accepted");
        };
        PublicKey key = keys.apply(String.valueOf(header.getOrDefault("kid", "")));
        if (key == null) {
            throw new GeneralSecurityException("no key of the provider has id " + header.get("kid"));
        }
        Signature sig = Signature.getInstance(javaAlg);
        sig.initVerify(key);
        sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!sig.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new GeneralSecurityException("bad signature");
        }
        if (!settings.issuer().equals(stripSlash(String.valueOf(claims.get("iss"))))) {
            throw new GeneralSecurityException("issuer " + claims.get("iss") + " is not " + settings.issuer());
        }
        if (settings.audience() != null && !strings(claims.get("aud")).contains(settings.audience())) {
            throw new GeneralSecurityException("token is not for audience " + settings.audience());
        }
        long now = clock.instant().getEpochSecond();
        if (!(claims.get("exp") instanceof Number exp) || exp.longValue() + SKEW_SECONDS < now) {
            throw new GeneralSecurityException("token expired or without exp");
        }
        if (claims.get("nbf") instanceof Number nbf && nbf.longValue() - SKEW_SECONDS > now) {
            throw new GeneralSecurityException("token not valid yet");
        }
        if (nonce != null && !nonce.equals(claims.get("nonce"))) {
            throw new GeneralSecurityException("ID token for another login (nonce)");
        }
        Object user = claims.get(settings.userClaim());
        if (user == null) {
            user = claims.get("sub");
        }
        if (user == null) {
            throw new GeneralSecurityException("token names no user (" + settings.userClaim() + ", sub)");
        }
        return new Identity(String.valueOf(user), GroupRoles.of(strings(claims.get(settings.groupsClaim())),
                settings.groupRoles()));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        } else if (claim != null) {
            out.add(String.valueOf(claim));
        }
        return out;
    }

    private static Map<String, Object> json(String part) throws GeneralSecurityException {
        try {
            return JsonReader.parseObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("malformed JWT: " + e.getMessage());
        }
    }
}
