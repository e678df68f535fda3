package dev.pharos.config;

/**
 * The checks Go's {@code url.Parse} makes, so that a URL Prometheus accepts is accepted and one
 * it rejects is rejected with a similar message. Go is lenient: {@code localhost:9090} parses
 * (scheme "localhost", opaque "9090").
 */
final class GoUrl {

    private GoUrl() {
    }

    /** @throws IllegalArgumentException {@code parse "x": reason} */
    static void check(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw fail(url, "net/url: invalid control character in URL");
            }
        }
        String rest = url;
        String scheme = "";
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                continue;
            }
            if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw fail(url, "missing protocol scheme");
                }
                scheme = url.substring(0, i);
                rest = url.substring(i + 1);
            }
            break;
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (!scheme.isEmpty() && !rest.startsWith("/")) {
            return; // opaque
        }
        if (scheme.isEmpty()) {
            int slash = rest.indexOf('/');
            String first = slash < 0 ? rest : rest.substring(0, slash);
            if (first.contains(":")) {
                throw fail(url, "first path segment in URL cannot contain colon");
            }
        }
        String path = rest;
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            String auth = rest.substring(2);
            int slash = auth.indexOf('/');
            path = slash < 0 ? "" : auth.substring(slash);
            auth = slash < 0 ? auth : auth.substring(0, slash);
            int at = auth.lastIndexOf('@');
            String host = at < 0 ? auth : auth.substring(at + 1);
            checkHost(url, host);
        }
        checkEscapes(url, path);
    }

    private static void checkHost(String url, String host) {
        String port = "";
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw fail(url, "missing ']' in host");
            }
            port = host.substring(close + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                throw fail(url, "invalid port \"" + port + "\" after host");
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                port = host.substring(colon);
                host = host.substring(0, colon);
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                boolean ok = Character.isLetterOrDigit(c) || "-_.~!$&'()*+,;=:[]<>\"%".indexOf(c) >= 0 || c > 0x7f;
                if (!ok) {
                    throw fail(url, "invalid character \"" + c + "\" in host name");
                }
            }
        }
        for (int i = 1; i < port.length(); i++) {
            if (!Character.isDigit(port.charAt(i))) {
                throw fail(url, "invalid port \"" + port + "\" after host");
            }
        }
        checkEscapes(url, host);
    }

    private static void checkEscapes(String url, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
                    String bad = s.substring(i, Math.min(s.length(), i + 3));
                    throw fail(url, "invalid URL escape \"" + bad + "\"");
                }
            }
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static IllegalArgumentException fail(String url, String reason) {
        return new IllegalArgumentException("parse \"" + url + "\": " + reason);
    }
}
