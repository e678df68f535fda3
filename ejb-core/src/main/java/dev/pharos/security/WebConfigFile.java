package dev.pharos.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Prometheus's {@code --web.config.file} (the exporter-toolkit format): {@code basic_auth_users}
 * with bcrypt hashes, {@code http_server_config.headers}, and {@code tls_server_config}.
 *
 * <p>Users of this file get every role: Prometheus has no roles, a valid user may do all.
 * The TLS section is read and checked so an existing file loads, but Pharos's HTTPS is set
 * up by its keystore settings ({@link #tlsServerConfig()} lets the caller say so).
 */
public final class WebConfigFile {

    private static final Set<String> TOP = Set.of("tls_server_config", "http_server_config", "basic_auth_users");
    private static final Set<String> HEADERS = Set.of("Content-Security-Policy", "X-Frame-Options",
            "X-Content-Type-Options", "X-XSS-Protection", "Strict-Transport-Security");

    private final List<User> users;
    private final Map<String, String> headers;
    private final Map<String, Object> tlsServerConfig;

    private WebConfigFile(List<User> users, Map<String, String> headers, Map<String, Object> tls) {
        this.users = users;
        this.headers = headers;
        this.tlsServerConfig = tls;
    }

    public static WebConfigFile load(Path file) throws SecurityConfigException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(r), file.toString());
        } catch (IOException e) {
            throw new SecurityConfigException("web config file " + file + ": cannot read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new SecurityConfigException("web config file " + file + ": " + e.getMessage());
        }
    }

    static WebConfigFile parse(Object root, String where) throws SecurityConfigException {
        if (root == null) {
            return new WebConfigFile(List.of(), Map.of(), Map.of());
        }
        Map<String, Object> top = map(root, where);
        for (String key : top.keySet()) {
            if (!TOP.contains(key)) {
                throw new SecurityConfigException(where + ": field " + key + " not found in type web.Config");
            }
        }
        List<User> users = new ArrayList<>();
        Object basic = top.get("basic_auth_users");
        if (basic != null) {
            for (Map.Entry<String, Object> e : map(basic, where + ": basic_auth_users").entrySet()) {
                String hash = String.valueOf(e.getValue());
                try {
                    users.add(new User(e.getKey(), PasswordHash.bcrypt(hash), Role.ALL_NAMES, "web.config.file"));
                } catch (IllegalArgumentException bad) {
                    throw new SecurityConfigException(where + ": basic_auth_users." + e.getKey() + ": " + bad.getMessage());
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Object http = top.get("http_server_config");
        if (http != null) {
            Map<String, Object> httpMap = map(http, where + ": http_server_config");
            for (String key : httpMap.keySet()) {
                if (!key.equals("headers") && !key.equals("http2")) {
                    throw new SecurityConfigException(where + ": http_server_config: field " + key + " not found");
                }
            }
            Object h = httpMap.get("headers");
            if (h != null) {
                for (Map.Entry<String, Object> e : map(h, where + ": http_server_config.headers").entrySet()) {
                    if (!HEADERS.contains(e.getKey())) {
                        throw new SecurityConfigException(where + ": http_server_config.headers: header " + e.getKey()
                                + " may not be set; allowed are " + String.join(", ", HEADERS));
                    }
                    headers.put(e.getKey(), String.valueOf(e.getValue()));
                }
            }
        }
        Map<String, Object> tls = top.get("tls_server_config") == null ? Map.of()
                : map(top.get("tls_server_config"), where + ": tls_server_config");
        return new WebConfigFile(List.copyOf(users), Map.copyOf(headers), Map.copyOf(tls));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) throws SecurityConfigException {
        if (!(o instanceof Map)) {
            throw new SecurityConfigException(where + ": expected a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) o).entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    /** The users of basic_auth_users, each with every role. */
    public List<User> users() {
        return users;
    }

    /** The response headers of http_server_config.headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The tls_server_config section as read (empty if absent). */
    public Map<String, Object> tlsServerConfig() {
        return tlsServerConfig;
    }
}
