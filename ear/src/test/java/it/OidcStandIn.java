package it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in OpenID Connect provider for the tests: discovery document, JWK Set, and RS256
 * tokens it signs with a key of its own, so Pharos checks real signatures over real HTTP.
 */
final class OidcStandIn implements AutoCloseable {

    static final String CLIENT_ID = "pharos-ui";
    static final String CLIENT_SECRET = "ui-secret";

    final String issuer;
    /** The user signed in at the provider, for browser logins. */
    volatile String browserUser = "hana";
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final HttpServer http;
    private final KeyPair key;

    OidcStandIn() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/pharos";
        http.createContext("/realms/pharos/.well-known/openid-configuration", x -> json(x,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\",\"authorization_endpoint\":\""
                        + issuer + "/auth\",\"token_endpoint\":\"" + issuer + "/token\"}"));
        // Login: the user is already signed in at the provider, so it sends the browser straight back.
        http.createContext("/realms/pharos/auth", x -> {
            Map<String, String> q = form(x.getRequestURI().getRawQuery());
            String code = OidcStandIn.b64(java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            codes.put(code, q.get("nonce") + " " + q.get("client_id"));
            x.getResponseHeaders().set("Location", q.get("redirect_uri") + "?code=" + code + "&state="
                    + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        http.createContext("/realms/pharos/token", x -> {
            Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String basic = x.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            String login = codes.remove(f.get("code"));
            if (login == null || !expected.equals(basic) || !"authorization_code".equals(f.get("grant_type"))) {
                x.sendResponseHeaders(400, -1);
                x.close();
                return;
            }
            try {
                String[] nonceAndClient = login.split(" ");
                json(x, "{\"token_type\":\"Bearer\",\"id_token\":\"" + token(browserUser, "[\"/platform\"]",
                        nonceAndClient[1], nonceAndClient[0]) + "\"}");
            } catch (Exception e) {
                throw new IOException(e);
            }
        });
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64(unsigned(pub.getPublicExponent())) + "\"}]}";
        http.createContext("/realms/pharos/certs", x -> json(x, jwks));
        http.start();
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static void json(HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A signed access token for {@code user} in {@code groups} (a JSON array), valid for five minutes. */
    String token(String user, String groupsJson, String audience) throws Exception {
        return token(user, groupsJson, audience, null);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return m;
    }

    String token(String user, String groupsJson, String audience, String nonce) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String head = b64("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64(("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"id-" + user
                + "\",\"preferred_username\":\"" + user + "\",\"groups\":" + groupsJson + ",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + (nonce == null ? "" : ",\"nonce\":\"" + nonce + "\"") + "}").getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key.getPrivate());
        s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + b64(s.sign());
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
