package dev.pharos.httpclient;

import dev.pharos.config.HttpClientConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * The credential Pharos uses when it calls its own faces. The default configuration scrapes
 * localhost:9090 and :9091 and sends alerts to localhost:9093; with security on (the default)
 * those calls would get 401, and an operator would have to write a password into
 * prometheus.yml. Instead the security service installs a random token at every start (kept
 * in memory only, never shown or logged), and a request carries it only when its http_config
 * has no authentication of its own and it goes to a loopback address on one of Pharos's own
 * ports. The server accepts the token only from a loopback address.
 */
public final class SelfCredentials {

    private static volatile SelfCredentials installed;

    private final String token;
    private final Set<Integer> ports;

    private SelfCredentials(String token, Set<Integer> ports) {
        this.token = token;
        this.ports = ports;
    }

    /** Makes {@link #apply} send {@code token} to loopback addresses on {@code ownPorts}. */
    public static void install(String token, Collection<Integer> ownPorts) {
        installed = new SelfCredentials(token, Set.copyOf(ownPorts));
    }

    /** Stops sending any token (security off, or the application stopping). */
    public static void uninstall() {
        installed = null;
    }

    /**
     * Adds {@code Authorization: Bearer <token>} to a request for {@code uri} if a token is
     * installed, the URI is a loopback address on one of Pharos's ports, and {@code cfg}
     * authenticates in no way of its own.
     */
    public static void apply(HttpRequest.Builder req, URI uri, HttpClientConfig cfg) {
        SelfCredentials s = installed;
        if (s == null || !s.appliesTo(uri) || hasOwnAuth(cfg)) {
            return;
        }
        req.header("Authorization", "Bearer " + s.token);
    }

    static SelfCredentials installedForTest() {
        return installed;
    }

    boolean appliesTo(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return ("http".equals(scheme) || "https".equals(scheme)) && ports.contains(port) && isLoopback(uri.getHost());
    }

    private static boolean hasOwnAuth(HttpClientConfig cfg) {
        if (cfg == null) {
            return false;
        }
        if (cfg.basicAuth() != null || cfg.authorization() != null || cfg.oauth2() != null) {
            return true;
        }
        return cfg.httpHeaders().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"));
    }

    /** Loopback by name or literal, without a DNS lookup: localhost, 127.0.0.0/8, ::1. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1") || h.equals("::ffff:127.0.0.1");
    }
}
