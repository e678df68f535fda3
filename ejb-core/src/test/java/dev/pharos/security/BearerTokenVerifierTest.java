package dev.pharos.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens signed by a stand-in provider (discovery and JWKS over real HTTP), good and forged. */
class BearerTokenVerifierTest {

    static HttpServer provider;
    static String issuer;
    static KeyPair rsa;
    static KeyPair ec;
    static final long NOW = 1_900_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
        e.initialize(new ECGenParameterSpec("secp256r1"));
        ec = e.generateKeyPair();
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/test";
        provider.createContext("/realms/test/.well-known/openid-configuration", x -> respond(x,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}"));
        provider.createContext("/realms/test/certs", x -> respond(x, jwks()));
        provider.start();
    }

    @AfterAll
    static void stop() {
        provider.stop(0);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange x, String body) throws java.io.IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] unsigned(java.math.BigInteger i, int len) {
        byte[] raw = i.toByteArray();
        if (raw.length == len) {
            return raw;
        }
        byte[] out = new byte[len];
        int from = Math.max(0, raw.length - len);
        System.arraycopy(raw, from, out, len - (raw.length - from), raw.length - from);
        return out;
    }

    static String jwks() {
        RSAPublicKey r = (RSAPublicKey) rsa.getPublic();
        ECPublicKey p = (ECPublicKey) ec.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"rsa1\",\"use\":\"sig\",\"n\":\"" + b64(unsigned(r.getModulus(), 256))
                + "\",\"e\":\"" + b64(r.getPublicExponent().toByteArray()) + "\"},"
                + "{\"kty\":\"EC\",\"kid\":\"ec1\",\"crv\":\"P-256\",\"x\":\"" + b64(unsigned(p.getW().getAffineX(), 32))
                + "\",\"y\":\"" + b64(unsigned(p.getW().getAffineY(), 32)) + "\"},"
                + "{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0\"}]}";
    }

    static String token(String alg, String kid, PrivateKey key, String claims) throws Exception {
        String head = b64(("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String body = b64(claims.getBytes(StandardCharsets.UTF_8));
        String javaAlg = alg.equals("ES256") ? "SHA256withECDSAinP1363Format" : "SHA256withRSA";
        Signature s = Signature.getInstance(javaAlg);
        s.initSign(key);
        s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + b64(s.sign());
    }

    static String claims(String iss, String aud, long exp, String groups) {
        return "{\"iss\":\"" + iss + "\",\"aud\":[\"" + aud + "\",\"account\"],\"exp\":" + exp
                + ",\"sub\":\"f81d4fae\",\"preferred_username\":\"carol\",\"groups\":" + groups + "}";
    }

    private BearerTokenVerifier verifier() throws Exception {
        OidcSettings s = OidcSettings.from(Map.of("pharos.oidc.issuer", issuer, "pharos.oidc.audience", "pharos",
                "pharos.oidc.group.roles", "/ops=admin+reader")::get);
        return new BearerTokenVerifier(s, new OidcProvider(s.issuer(), HttpClient.newHttpClient()), CLOCK);
    }

    @Test
    void acceptsRsaAndEcTokensAndMapsGroups() throws Exception {
        BearerTokenVerifier v = verifier();
        BearerTokenVerifier.Identity id = v.verify(token("RS256", "rsa1", rsa.getPrivate(),
                claims(issuer, "pharos", NOW + 300, "[\"/ops\",\"silencer\",\"other\"]")));
        assertEquals("carol", id.name());
        assertEquals(Set.of("admin", "reader", "silencer"), id.roles());
        id = v.verify(token("ES256", "ec1", ec.getPrivate(), claims(issuer, "pharos", NOW + 300, "[\"reader\"]")));
        assertEquals(Set.of("reader"), id.roles());
    }

    @Test
    void refusesForgedExpiredAndForeignTokens() throws Exception {
        BearerTokenVerifier v = verifier();
        String good = token("RS256", "rsa1", rsa.getPrivate(), claims(issuer, "pharos", NOW + 300, "[]"));
        String[] p = good.split("\\.");
        String tampered = p[0] + "." + b64(claims(issuer, "pharos", NOW + 300, "[\"admin\"]").getBytes()) + "." + p[2];
        assertEquals("bad signature", assertThrows(GeneralSecurityException.class, () -> v.verify(tampered)).getMessage());
        String none = b64("{\"alg\":\"none\"}".getBytes()) + "." + p[1] + ".";
        assertTrue(assertThrows(GeneralSecurityException.class, () -> v.verify(none)).getMessage().contains("none"));
        String hs = b64("{\"alg\":\"HS256\",\"kid\":\"hmac\"}".getBytes()) + "." + p[1] + "." + p[2];
        assertTrue(assertThrows(GeneralSecurityException.class, () -> v.verify(hs)).getMessage().contains("HS256"));
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String otherKey = token("RS256", "rsa1", g.generateKeyPair().getPrivate(), claims(issuer, "pharos", NOW + 300, "[]"));
        assertEquals("bad signature", assertThrows(GeneralSecurityException.class, () -> v.verify(otherKey)).getMessage());
        String expired = token("RS256", "rsa1", rsa.getPrivate(), claims(issuer, "pharos", NOW - 61, "[]"));
        assertTrue(assertThrows(GeneralSecurityException.class, () -> v.verify(expired)).getMessage().contains("expired"));
        String inSkew = token("RS256", "rsa1", rsa.getPrivate(), claims(issuer, "pharos", NOW - 30, "[]"));
        assertEquals("carol", v.verify(inSkew).name(), "a minute of clock skew");
        String foreignIssuer = token("RS256", "rsa1", rsa.getPrivate(), claims("https://evil.example", "pharos", NOW + 300, "[]"));
        assertTrue(assertThrows(GeneralSecurityException.class, () -> v.verify(foreignIssuer)).getMessage().contains("issuer"));
        String otherAudience = token("RS256", "rsa1", rsa.getPrivate(), claims(issuer, "grafana", NOW + 300, "[]"));
        assertTrue(assertThrows(GeneralSecurityException.class, () -> v.verify(otherAudience)).getMessage().contains("audience"));
        String unknownKid = token("RS256", "nope", rsa.getPrivate(), claims(issuer, "pharos", NOW + 300, "[]"));
        assertTrue(assertThrows(GeneralSecurityException.class, () -> v.verify(unknownKid)).getMessage().contains("no key"));
        assertThrows(GeneralSecurityException.class, () -> v.verify("abc"));
        assertThrows(GeneralSecurityException.class, () -> v.verify("a.b.c"));
        assertTrue(Arrays.asList(p).size() == 3);
    }
}
