package dev.pharos.security;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The public keys of a JWK Set (RFC 7517), by key id: RSA and EC (P-256, P-384, P-521) signing keys. */
public final class JsonWebKeys {

    private JsonWebKeys() {
    }

    /** Reads the {@code keys} of a parsed JWK Set; keys of other types or uses are skipped. */
    @SuppressWarnings("unchecked")
    public static Map<String, PublicKey> read(Map<String, Object> jwks) throws GeneralSecurityException {
        Map<String, PublicKey> keys = new HashMap<>();
        Object list = jwks.get("keys");
        if (!(list instanceof List)) {
            throw new GeneralSecurityException("JWK Set without \"keys\"");
        }
        for (Object o : (List<Object>) list) {
            Map<String, Object> k = (Map<String, Object>) o;
            if (k.get("use") != null && !"sig".equals(k.get("use"))) {
                continue;
            }
            String kid = String.valueOf(k.getOrDefault("kid", ""));
            switch (String.valueOf(k.get("kty"))) {
                case "RSA" -> keys.put(kid, KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(unsigned(k.get("n")), unsigned(k.get("e")))));
                case "EC" -> {
                    String curve = switch (String.valueOf(k.get("crv"))) {
                        case "P-256" -> "secp256r1";
                        case "P-384" -> "secp384r1";
                        case "P-521" -> "secp521r1";
                        default -> null;
                    };
                    if (curve == null) {
                        continue;
                    }
                    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                    params.init(new ECGenParameterSpec(curve));
                    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                    keys.put(kid, KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                            new ECPoint(unsigned(k.get("x")), unsigned(k.get("y"))), spec)));
                }
                default -> {
                    // symmetric or unknown keys never verify a token here
                }
            }
        }
        return keys;
    }

    private static BigInteger unsigned(Object base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(String.valueOf(base64url)));
    }
}
