package dev.pharos.httpclient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which proxy an outbound request uses, as Prometheus' common HTTP client decides:
 * {@code proxy_url} alone proxies everything; with {@code no_proxy}, or with
 * {@code proxy_from_environment} (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, upper or lower case),
 * Go's httpproxy rules apply: localhost and loopback addresses are never proxied, and a
 * no_proxy entry is {@code *}, an IP, a CIDR, or a domain (matching itself and its
 * subdomains; a leading dot: subdomains only), optionally with a port.
 */
public final class ProxyRules extends ProxySelector {

    private final URI httpProxy;
    private final URI httpsProxy;
    private final boolean goRules;
    private final List<String> noProxy = new ArrayList<>();

    private ProxyRules(URI httpProxy, URI httpsProxy, String noProxy, boolean goRules) {
        this.httpProxy = httpProxy;
        this.httpsProxy = httpsProxy;
        this.goRules = goRules;
        for (String e : noProxy == null ? new String[0] : noProxy.split(",")) {
            String t = e.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                this.noProxy.add(t);
            }
        }
    }

    /**
     * The proxy of an http_config (or of its oauth2 section): proxy_url with its no_proxy, else
     * the environment's when proxy_from_environment; null for direct connections.
     */
    public static ProxyRules forSettings(String proxyUrl, String noProxy, boolean fromEnvironment) {
        if (proxyUrl != null && !proxyUrl.isEmpty()) {
            return of(proxyUrl, noProxy);
        }
        return fromEnvironment ? fromEnvironment(System.getenv()) : null;
    }

    /** For proxy_url with an optional no_proxy; null when no proxy is configured. */
    public static ProxyRules of(String proxyUrl, String noProxy) {
        if (proxyUrl == null || proxyUrl.isEmpty()) {
            return null;
        }
        URI p = URI.create(proxyUrl);
        return new ProxyRules(p, p, noProxy, noProxy != null && !noProxy.isEmpty());
    }

    /** For proxy_from_environment, from the given environment variables. */
    public static ProxyRules fromEnvironment(Map<String, String> env) {
        String http = env(env, "HTTP_PROXY");
        String https = env(env, "HTTPS_PROXY");
        return new ProxyRules(http.isEmpty() ? null : uri(http), https.isEmpty() ? null : uri(https),
                env(env, "NO_PROXY"), true);
    }

    private static String env(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isEmpty()) {
            v = env.get(name.toLowerCase(Locale.ROOT));
        }
        return v == null ? "" : v;
    }

    /** Go accepts a bare host:port in the environment variables and means http. */
    private static URI uri(String s) {
        return URI.create(s.contains("://") ? s : "http://" + s);
    }

    @Override
    public List<Proxy> select(URI uri) {
        URI proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
        if (proxy == null || (goRules && !useProxy(uri))) {
            return List.of(Proxy.NO_PROXY);
        }
        int port = proxy.getPort() > 0 ? proxy.getPort() : "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHost(), port)));
    }

    /** Go's httpproxy useProxy for the request's host and port. */
    public boolean useProxy(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (host.equals("localhost")) {
            return false;
        }
        InetAddress ip = literalIp(host);
        if (ip != null && ip.isLoopbackAddress()) {
            return false;
        }
        for (String e : noProxy) {
            if (e.equals("*")) {
                return false;
            }
            if (e.contains("/")) {
                if (ip != null && inCidr(ip, e)) {
                    return false;
                }
                continue;
            }
            String eh = e;
            int ep = 0;
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.indexOf(':') == colon && e.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                eh = e.substring(0, colon);
                ep = Integer.parseInt(e.substring(colon + 1));
            }
            if (ep != 0 && ep != port) {
                continue;
            }
            InetAddress eip = literalIp(eh);
            if (eip != null) {
                if (eip.equals(ip)) {
                    return false;
                }
                continue;
            }
            if (eh.startsWith("*.")) {
                eh = eh.substring(1);
            }
            boolean matchHost = !eh.startsWith(".");
            String suffix = matchHost ? "." + eh : eh;
            if (host.endsWith(suffix) || (matchHost && host.equals(eh))) {
                return false;
            }
        }
        return true;
    }

    /** An IP literal as an address (no DNS lookup), else null. */
    private static InetAddress literalIp(String host) {
        boolean v4 = host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3;
        boolean v6 = host.contains(":") && host.matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean inCidr(InetAddress ip, String cidr) {
        int slash = cidr.indexOf('/');
        InetAddress net = literalIp(cidr.substring(0, slash));
        if (net == null) {
            return false;
        }
        byte[] a = ip.getAddress();
        byte[] b = net.getAddress();
        if (a.length != b.length) {
            return false;
        }
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((a[i] & mask) != (b[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to remember: the request fails and the notifier retries
    }
}
