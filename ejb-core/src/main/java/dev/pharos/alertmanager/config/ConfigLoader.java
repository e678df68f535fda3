package dev.pharos.alertmanager.config;

import static dev.pharos.alertmanager.config.YamlNodes.error;
import static dev.pharos.alertmanager.config.YamlNodes.isNull;
import static dev.pharos.alertmanager.config.YamlNodes.join;
import static dev.pharos.alertmanager.config.YamlNodes.line;
import static dev.pharos.alertmanager.config.YamlNodes.mapping;
import static dev.pharos.alertmanager.config.YamlNodes.quote;
import static dev.pharos.alertmanager.config.YamlNodes.sequence;
import static dev.pharos.alertmanager.config.YamlNodes.string;
import static dev.pharos.alertmanager.config.YamlNodes.strings;

import dev.pharos.alertmanager.MatcherParseException;
import dev.pharos.alertmanager.Matchers;
import dev.pharos.alertmanager.TimeInterval;
import dev.pharos.model.LabelMatcher;
import dev.pharos.model.MatchType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads {@code alertmanager.yml} with the original's rules: strict fields, per-section checks
 * while decoding (in document order), then the whole-file checks in the original's order
 * (global conflicts, receiver names and defaults, root route, receiver and interval references).
 */
public final class ConfigLoader {

    private static final Set<String> ROOT_FIELDS = Set.of("global", "route", "inhibit_rules", "receivers",
            "templates", "mute_time_intervals", "time_intervals", "tracing", "event_recorder");
    private static final Set<String> ROUTE_FIELDS = Set.of("receiver", "group_by", "match", "match_re",
            "matchers", "mute_time_intervals", "active_time_intervals", "continue", "routes", "group_wait",
            "group_interval", "repeat_interval", "labels");
    private static final Set<String> INHIBIT_FIELDS = Set.of("name", "source_match", "source_match_re",
            "source_matchers", "target_match", "target_match_re", "target_matchers", "equal");
    private static final Set<String> OAUTH2_FIELDS = Set.of("client_id", "client_secret", "client_secret_file",
            "client_secret_ref", "scopes", "token_url", "endpoint_params", "tls_config", "proxy_url", "no_proxy",
            "proxy_from_environment", "proxy_connect_header", "grant_type", "client_certificate_key",
            "client_certificate_key_file", "client_certificate_key_id", "signature_algorithm", "iss", "audience",
            "claims");
    private static final Set<String> HTTP_FIELDS = Set.of("basic_auth", "authorization", "oauth2", "bearer_token",
            "bearer_token_file", "tls_config", "proxy_url", "no_proxy", "proxy_from_environment",
            "proxy_connect_header", "follow_redirects", "enable_http2", "http_headers");
    private static final Set<String> TLS_FIELDS = Set.of("ca", "ca_file", "ca_ref", "cert", "cert_file",
            "cert_ref", "key", "key_file", "key_ref", "server_name", "insecure_skip_verify", "min_version",
            "max_version");
    private static final Set<String> INTERVAL_FIELDS = Set.of("times", "weekdays", "days_of_month", "months",
            "years", "location");
    private static final Pattern LEGACY_LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private ConfigLoader() {
    }

    public static AlertmanagerConfig loadFile(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        AlertmanagerConfig c;
        try {
            c = load(text);
        } catch (ConfigException e) {
            throw e.withFile(file.getFileName().toString());
        }
        // Relative template paths are relative to the configuration file, as in the original.
        Path dir = file.toAbsolutePath().getParent();
        List<String> templates = new ArrayList<>();
        for (String t : c.templates()) {
            templates.add(t.isEmpty() || Path.of(t).isAbsolute() ? t : dir.resolve(t).normalize().toString());
        }
        // So are the files of every receiver's http_config (the original's resolveFilepaths).
        for (ReceiverConfig r : c.receivers()) {
            for (IntegrationConfig i : r.integrations()) {
                if (i.httpConfig() != null) {
                    i.httpConfig(i.httpConfig().withDirectory(dir));
                }
            }
        }
        return new AlertmanagerConfig(c.global(), c.route(), c.inhibitRules(), c.receivers(), List.copyOf(templates),
                c.timeIntervals(), c.original(), c.secretHiddenYaml());
    }

    public static AlertmanagerConfig load(String text) {
        Node root;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both lines
            root = new Yaml(opts).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(null, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    null, "yaml: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(null, 0, null, "yaml: " + e.getMessage());
        }
        if (isNull(root)) {
            throw new ConfigException(null, 0, null, "no route provided in config");
        }
        return new ConfigLoader.Run(text, root).run();
    }

    /** One load: decoding state. */
    private static final class Run {
        private final String text;
        private final Node root;
        private GlobalConfig global = GlobalConfig.defaultConfig();
        private Map<String, String> globalValues = GlobalConfig.defaults();
        private RouteConfig route;
        private Node routeNode;
        private final List<InhibitRuleConfig> inhibitRules = new ArrayList<>();
        private final List<ReceiverDraft> receivers = new ArrayList<>();
        private final List<String> templates = new ArrayList<>();
        private final List<Named> muteIntervals = new ArrayList<>();
        private final List<Named> timeIntervals = new ArrayList<>();

        Run(String text, Node root) {
            this.text = text;
            this.root = root;
        }

        AlertmanagerConfig run() {
            Map<String, Node> top = mapping(root, "", ROOT_FIELDS, "config.plain");
            for (Map.Entry<String, Node> e : top.entrySet()) {
                Node v = e.getValue();
                switch (e.getKey()) {
                    case "global" -> global = global(v);
                    case "route" -> {
                        if (!isNull(v)) {
                            routeNode = v;
                            route = route(v, "route");
                        }
                    }
                    case "inhibit_rules" -> {
                        List<Node> items = sequence(v, "inhibit_rules");
                        for (int i = 0; i < items.size(); i++) {
                            inhibitRules.add(inhibitRule(items.get(i), "inhibit_rules[" + i + "]"));
                        }
                    }
                    case "receivers" -> {
                        List<Node> items = sequence(v, "receivers");
                        for (int i = 0; i < items.size(); i++) {
                            receivers.add(receiver(items.get(i), "receivers[" + i + "]"));
                        }
                    }
                    case "templates" -> templates.addAll(strings(v, "templates"));
                    case "mute_time_intervals" -> muteIntervals.addAll(namedIntervals(v, "mute_time_intervals",
                            "missing name in mute time interval"));
                    case "time_intervals" -> timeIntervals.addAll(namedIntervals(v, "time_intervals",
                            "missing name in time interval"));
                    default -> {
                        // tracing / event_recorder: accepted, not used by this engine.
                    }
                }
            }
            checkGlobal();
            List<ReceiverConfig> finalReceivers = checkReceivers();
            checkRoute();
            Map<String, List<TimeInterval>> intervals = checkIntervals();
            if (route.continueMatching()) {
                throw error(routeNode, "route.continue", "cannot have continue in root route");
            }
            String hidden = SecretYaml.hide(text);
            return new AlertmanagerConfig(global, route, List.copyOf(inhibitRules), finalReceivers,
                    List.copyOf(templates), intervals, text, hidden);
        }

        // ---------------------------------------------------------------- global

        private GlobalConfig global(Node n) {
            Map<String, Node> m = mapping(n, "global", GlobalConfig.FIELDS, "config.plain");
            Duration resolve = Duration.ofMinutes(5);
            HttpClientConfig http = HttpClientConfig.DEFAULT;
            TlsConfig smtpTls = TlsConfig.DEFAULT;
            boolean requireTls = true;
            for (Map.Entry<String, Node> e : m.entrySet()) {
                String k = e.getKey();
                String path = "global." + k;
                Node v = e.getValue();
                switch (k) {
                    case "resolve_timeout" -> resolve = YamlNodes.duration(v, path);
                    case "http_config" -> http = httpConfig(v, path);
                    case "smtp_tls_config" -> smtpTls = tlsConfig(v, path);
                    case "smtp_require_tls" -> requireTls = YamlNodes.bool(v, path);
                    case "smtp_smarthost" -> {
                        String s = string(v, path);
                        checkHostPort(v, path, s);
                        globalValues.put(k, s);
                    }
                    default -> {
                        String s = string(v, path);
                        if (GlobalConfig.URL_FIELDS.contains(k) && !s.equals("<secret>")) {
                            YamlNodes.checkUrl(v, path, s);
                        }
                        if (isNull(v)) {
                            globalValues.remove(k);
                        } else {
                            globalValues.put(k, s);
                        }
                    }
                }
            }
            return new GlobalConfig(globalValues, resolve, http, smtpTls, requireTls);
        }

        private void checkGlobal() {
            GlobalConfig g = global;
            conflict(g, "slack_app_token", "slack_app_token_file");
            conflict(g, "slack_api_url", "slack_api_url_file");
            if ((g.isSet("slack_app_token") || g.isSet("slack_app_token_file"))
                    && (g.isSet("slack_api_url") || g.isSet("slack_api_url_file"))
                    && !g.get("slack_api_url").equals(g.get("slack_app_url"))) {
                throw globalError("at most one of slack_app_token/slack_app_token_file & "
                        + "slack_api_url/slack_api_url_file must be configured");
            }
            conflict(g, "opsgenie_api_key", "opsgenie_api_key_file");
            conflict(g, "victorops_api_key", "victorops_api_key_file");
            conflict(g, "telegram_bot_token", "telegram_bot_token_file");
            conflict(g, "smtp_auth_password", "smtp_auth_password_file");
            conflict(g, "rocketchat_token", "rocketchat_token_file");
            conflict(g, "rocketchat_token_id", "rocketchat_token_id_file");
            conflict(g, "smtp_auth_secret", "smtp_auth_secret_file");
            conflict(g, "wechat_api_secret", "wechat_api_secret_file");
            conflict(g, "mattermost_webhook_url", "mattermost_webhook_url_file");
        }

        private void conflict(GlobalConfig g, String a, String b) {
            if (g.isSet(a) && g.isSet(b)) {
                throw globalError("at most one of " + a + " & " + b + " must be configured");
            }
        }

        private ConfigException globalError(String reason) {
            Node g = mapping(root, "", null, "").get("global");
            return error(g, "global", reason);
        }

        // ---------------------------------------------------------------- http

        private HttpClientConfig httpConfig(Node n, String path) {
            Map<String, Node> m = mapping(n, path, HTTP_FIELDS, "config.HTTPClientConfig");
            String user = null;
            String userFile = "";
            String pass = null;
            String passFile = null;
            String authType = null;
            String cred = null;
            String credFile = null;
            String bearer = null;
            String bearerFile = null;
            TlsConfig tls = TlsConfig.DEFAULT;
            String proxy = null;
            String noProxy = "";
            boolean proxyFromEnv = false;
            Map<String, List<String>> connectHeaders = Map.of();
            dev.pharos.config.HttpClientConfig.OAuth2 oauth2 = null;
            boolean follow = true;
            boolean h2 = true;
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : m.entrySet()) {
                String p = join(path, e.getKey());
                Node v = e.getValue();
                switch (e.getKey()) {
                    case "basic_auth" -> {
                        Map<String, Node> b = mapping(v, p, Set.of("username", "username_file", "username_ref",
                                "password", "password_file", "password_ref"), "config.BasicAuth");
                        user = b.containsKey("username") ? string(b.get("username"), p + ".username") : "";
                        userFile = b.containsKey("username_file") ? string(b.get("username_file"), p) : "";
                        pass = b.containsKey("password") ? string(b.get("password"), p + ".password") : "";
                        passFile = b.containsKey("password_file") ? string(b.get("password_file"), p) : "";
                        // Wording of Prometheus' common config, which also knows the *_ref (secret
                        // manager) fields; the Alertmanager documents neither and has no secret manager.
                        if (!user.isEmpty() && !userFile.isEmpty()) {
                            throw error(v, p, "at most one of basic_auth username, username_file & username_ref "
                                    + "must be configured");
                        }
                        if (!pass.isEmpty() && !passFile.isEmpty()) {
                            throw error(v, p, "at most one of basic_auth password & password_file must be configured");
                        }
                    }
                    case "authorization" -> {
                        Map<String, Node> a = mapping(v, p, Set.of("type", "credentials", "credentials_file",
                                "credentials_ref"), "config.Authorization");
                        authType = a.containsKey("type") ? string(a.get("type"), p + ".type") : "";
                        if (authType.isEmpty()) {
                            authType = "Bearer";
                        }
                        if (authType.toLowerCase(Locale.ROOT).equals("basic")) {
                            throw error(v, p, "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
                        }
                        cred = a.containsKey("credentials") ? string(a.get("credentials"), p) : "";
                        credFile = a.containsKey("credentials_file") ? string(a.get("credentials_file"), p) : "";
                        if (!cred.isEmpty() && !credFile.isEmpty()) {
                            throw error(v, p, "at most one of authorization credentials & credentials_file must be configured");
                        }
                    }
                    case "bearer_token" -> bearer = string(v, p);
                    case "bearer_token_file" -> bearerFile = string(v, p);
                    case "tls_config" -> tls = tlsConfig(v, p);
                    case "proxy_url" -> {
                        proxy = string(v, p);
                        try {
                            new java.net.URI(proxy);
                        } catch (java.net.URISyntaxException ex) {
                            throw error(v, p, "parse " + quote(proxy) + ": " + ex.getReason());
                        }
                    }
                    case "follow_redirects" -> follow = YamlNodes.bool(v, p);
                    case "enable_http2" -> h2 = YamlNodes.bool(v, p);
                    case "http_headers" -> mapping(v, p, null, "config.Headers").forEach((hk, hv) -> {
                        Map<String, Node> h = mapping(hv, join(p, hk), Set.of("values", "secrets", "files"),
                                "config.Header");
                        // Values, then secrets, then files (read at send time), as separate header lines.
                        List<String> all = new ArrayList<>();
                        for (String kind : new String[] {"values", "secrets", "files"}) {
                            if (h.containsKey(kind)) {
                                for (String x : strings(h.get(kind), join(p, hk + "." + kind))) {
                                    all.add(kind.equals("files") ? HttpClientConfig.FILE_PREFIX + x : x);
                                }
                            }
                        }
                        if (!all.isEmpty()) {
                            headers.put(hk, List.copyOf(all));
                        }
                    });
                    case "oauth2" -> oauth2 = oauth2(v, p);
                    case "no_proxy" -> noProxy = string(v, p);
                    case "proxy_from_environment" -> proxyFromEnv = YamlNodes.bool(v, p);
                    case "proxy_connect_header" -> connectHeaders = proxyConnectHeader(v, p);
                    default -> throw new IllegalStateException(e.getKey());
                }
            }
            checkProxy(n, path, proxy, noProxy, proxyFromEnv, connectHeaders);
            int authKinds = (user != null ? 1 : 0) + (authType != null ? 1 : 0)
                    + (bearer != null || bearerFile != null ? 1 : 0) + (m.containsKey("oauth2") ? 1 : 0);
            if (bearer != null && bearerFile != null) {
                throw error(n, path, "at most one of bearer_token & bearer_token_file must be configured");
            }
            if (authKinds > 1) {
                throw error(n, path, "at most one of basic_auth, oauth2, bearer_token & bearer_token_file, "
                        + "authorization must be configured");
            }
            return new HttpClientConfig(user, pass, passFile, authType, cred, credFile, bearer, bearerFile, tls,
                    proxy, follow, h2, headers, oauth2, noProxy, proxyFromEnv, userFile, connectHeaders);
        }

        /** proxy_connect_header: header name to a list of (secret) values. */
        private Map<String, List<String>> proxyConnectHeader(Node n, String path) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            mapping(n, path, null, "config.ProxyHeader").forEach((k, v) ->
                    out.put(k, List.copyOf(strings(v, join(path, k)))));
            return out;
        }

        /** The proxy settings' consistency, as Prometheus' common config checks it. */
        private void checkProxy(Node n, String path, String proxyUrl, String noProxy, boolean fromEnv,
                Map<String, List<String>> connectHeaders) {
            boolean hasProxyUrl = proxyUrl != null && !proxyUrl.isEmpty();
            boolean hasNoProxy = noProxy != null && !noProxy.isEmpty();
            if (!connectHeaders.isEmpty() && !fromEnv && !hasProxyUrl) {
                throw error(n, path, "if proxy_connect_header is configured, proxy_url or proxy_from_environment "
                        + "must also be configured");
            }
            if (fromEnv && hasProxyUrl) {
                throw error(n, path, "if proxy_from_environment is configured, proxy_url must not be configured");
            }
            if (fromEnv && hasNoProxy) {
                throw error(n, path, "if proxy_from_environment is configured, no_proxy must not be configured");
            }
            if (!hasProxyUrl && hasNoProxy) {
                throw error(n, path, "if no_proxy is configured, proxy_url must also be configured");
            }
        }

        /** {@code oauth2} (client credentials), checked as Prometheus' common config does. */
        private dev.pharos.config.HttpClientConfig.OAuth2 oauth2(Node n, String path) {
            Map<String, Node> m = mapping(n, path, OAUTH2_FIELDS, "config.OAuth2");
            java.util.function.Function<String, String> s = k -> m.containsKey(k) ? string(m.get(k), join(path, k)) : "";
            if (s.apply("client_id").isEmpty()) {
                throw error(n, path, "oauth2 client_id must be configured");
            }
            if (s.apply("token_url").isEmpty()) {
                throw error(n, path, "oauth2 token_url must be configured");
            }
            if (!s.apply("client_secret").isEmpty() && !s.apply("client_secret_file").isEmpty()) {
                throw error(n, path, "at most one of oauth2 client_secret, client_secret_file & client_secret_ref "
                        + "must be configured");
            }
            List<String> scopes = m.containsKey("scopes") ? strings(m.get("scopes"), join(path, "scopes")) : List.of();
            Map<String, String> params = new LinkedHashMap<>();
            if (m.containsKey("endpoint_params")) {
                mapping(m.get("endpoint_params"), join(path, "endpoint_params"), null, "map[string]string")
                        .forEach((k, v) -> params.put(k, string(v, join(path, "endpoint_params." + k))));
            }
            // The token request has a TLS and proxy setting of its own (not the receiver's).
            dev.pharos.config.TlsConfig tls = m.containsKey("tls_config")
                    ? tlsConfig(m.get("tls_config"), join(path, "tls_config")).toShared()
                    : dev.pharos.config.TlsConfig.EMPTY;
            String proxyUrl = s.apply("proxy_url");
            if (!proxyUrl.isEmpty()) {
                try {
                    new java.net.URI(proxyUrl);
                } catch (java.net.URISyntaxException ex) {
                    throw error(m.get("proxy_url"), join(path, "proxy_url"), "parse " + quote(proxyUrl) + ": "
                            + ex.getReason());
                }
            }
            boolean fromEnv = m.containsKey("proxy_from_environment")
                    && YamlNodes.bool(m.get("proxy_from_environment"), join(path, "proxy_from_environment"));
            Map<String, List<String>> connect = m.containsKey("proxy_connect_header")
                    ? proxyConnectHeader(m.get("proxy_connect_header"), join(path, "proxy_connect_header")) : Map.of();
            checkProxy(n, path, proxyUrl, s.apply("no_proxy"), fromEnv, connect);
            Map<String, List<dev.pharos.config.Secret>> connectSecrets = new LinkedHashMap<>();
            connect.forEach((k, vs) -> connectSecrets.put(k, vs.stream().map(dev.pharos.config.Secret::of)
                    .filter(java.util.Objects::nonNull).toList()));
            String secret = s.apply("client_secret");
            return new dev.pharos.config.HttpClientConfig.OAuth2(s.apply("client_id"),
                    secret.isEmpty() ? null : dev.pharos.config.Secret.of(secret), s.apply("client_secret_file"),
                    "", null, "", "", "", "", "", Map.of(), List.copyOf(scopes), s.apply("token_url"), params,
                    tls, proxyUrl, s.apply("no_proxy"), fromEnv, connectSecrets);
        }

        private TlsConfig tlsConfig(Node n, String path) {
            Map<String, Node> m = mapping(n, path, TLS_FIELDS, "config.TLSConfig");
            java.util.function.Function<String, String> s = k -> m.containsKey(k) ? string(m.get(k), join(path, k)) : "";
            if (!s.apply("ca").isEmpty() && !s.apply("ca_file").isEmpty()) {
                throw error(n, path, "at most one of ca and ca_file must be configured");
            }
            if (!s.apply("cert").isEmpty() && !s.apply("cert_file").isEmpty()) {
                throw error(n, path, "at most one of cert and cert_file must be configured");
            }
            if (!s.apply("key").isEmpty() && !s.apply("key_file").isEmpty()) {
                throw error(n, path, "at most one of key and key_file must be configured");
            }
            boolean hasCert = !s.apply("cert").isEmpty() || !s.apply("cert_file").isEmpty();
            boolean hasKey = !s.apply("key").isEmpty() || !s.apply("key_file").isEmpty();
            if (hasCert != hasKey) {
                throw error(n, path, hasCert ? "exactly one of key or key_file must be configured when a client "
                        + "certificate is configured" : "exactly one of cert or cert_file must be configured when a "
                        + "client key is configured");
            }
            boolean insecure = m.containsKey("insecure_skip_verify")
                    && YamlNodes.bool(m.get("insecure_skip_verify"), path);
            return new TlsConfig(s.apply("ca"), s.apply("ca_file"), s.apply("cert"), s.apply("cert_file"),
                    s.apply("key"), s.apply("key_file"), s.apply("server_name"), insecure, s.apply("min_version"));
        }

        private static void checkHostPort(Node v, String path, String s) {
            if (s.isEmpty()) {
                return;
            }
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw error(v, path, "address " + s + ": missing port in address");
            }
            if (s.startsWith("[") && s.indexOf(']') > colon) {
                throw error(v, path, "address " + s + ": missing port in address");
            }
            if (!s.startsWith("[") && s.indexOf(':') != colon) {
                throw error(v, path, "address " + s + ": too many colons in address");
            }
            if (colon == s.length() - 1) {
                throw error(v, path, "address " + quote(s) + ": port cannot be empty");
            }
        }

        // ---------------------------------------------------------------- route

        private RouteConfig route(Node n, String path) {
            Map<String, Node> m = mapping(n, path, ROUTE_FIELDS, "config.plain");
            String receiver = null;
            List<String> groupByStr = null;
            Map<String, String> match = new LinkedHashMap<>();
            Map<String, String> matchRe = new LinkedHashMap<>();
            List<LabelMatcher> matchers = new ArrayList<>();
            List<String> mute = List.of();
            List<String> active = List.of();
            boolean cont = false;
            List<RouteConfig> children = new ArrayList<>();
            Duration wait = null;
            Duration interval = null;
            Duration repeat = null;
            for (Map.Entry<String, Node> e : m.entrySet()) {
                String p = join(path, e.getKey());
                Node v = e.getValue();
                switch (e.getKey()) {
                    case "receiver" -> receiver = string(v, p);
                    case "group_by" -> groupByStr = isNull(v) ? null : strings(v, p);
                    case "match" -> match = YamlNodes.stringMap(v, p);
                    case "match_re" -> matchRe = matchRegexps(v, p);
                    case "matchers" -> matchers = matcherList(v, p);
                    case "mute_time_intervals" -> mute = strings(v, p);
                    case "active_time_intervals" -> active = strings(v, p);
                    case "continue" -> cont = YamlNodes.bool(v, p);
                    case "routes" -> {
                        List<Node> items = sequence(v, p);
                        for (int i = 0; i < items.size(); i++) {
                            children.add(route(items.get(i), p + "[" + i + "]"));
                        }
                    }
                    case "group_wait" -> wait = YamlNodes.duration(v, p);
                    case "group_interval" -> interval = YamlNodes.duration(v, p);
                    case "repeat_interval" -> repeat = YamlNodes.duration(v, p);
                    default -> {
                        // labels: route labels for templates; accepted.
                    }
                }
            }
            for (String k : match.keySet()) {
                if (!LEGACY_LABEL_NAME.matcher(k).matches()) {
                    throw error(m.get("match"), path + ".match", "invalid label name " + quote(k));
                }
            }
            List<String> groupBy = null;
            boolean groupByAll = false;
            if (groupByStr != null) {
                groupBy = new ArrayList<>();
                for (String l : groupByStr) {
                    if (l.equals("...")) {
                        groupByAll = true;
                    } else {
                        if (!Matchers.isValidLabelName(l)) {
                            throw error(m.get("group_by"), path + ".group_by",
                                    "invalid label name " + quote(l) + " in group_by list");
                        }
                        groupBy.add(l);
                    }
                }
                if (!groupBy.isEmpty() && groupByAll) {
                    throw error(m.get("group_by"), path + ".group_by",
                            "cannot have wildcard group_by (`...`) and other labels at the same time");
                }
                Set<String> seen = new HashSet<>();
                for (String l : groupBy) {
                    if (!seen.add(l)) {
                        throw error(m.get("group_by"), path + ".group_by", "duplicated label " + quote(l) + " in group_by");
                    }
                }
                if (groupByAll) {
                    groupBy = null;
                }
            }
            if (interval != null && interval.isZero()) {
                throw error(m.get("group_interval"), path + ".group_interval", "group_interval cannot be zero");
            }
            if (repeat != null && repeat.isZero()) {
                throw error(m.get("repeat_interval"), path + ".repeat_interval", "repeat_interval cannot be zero");
            }
            return new RouteConfig(receiver, groupBy, groupByAll, match, matchRe, matchers, mute, active, cont,
                    children, wait, interval, repeat, line(n));
        }

        private Map<String, String> matchRegexps(Node v, String p) {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : mapping(v, p, null, "config.MatchRegexps").entrySet()) {
                String k = e.getKey();
                if (!LEGACY_LABEL_NAME.matcher(k).matches()) {
                    throw error(e.getValue(), join(p, k), "invalid label name " + quote(k));
                }
                if (isNull(e.getValue())) {
                    throw error(v, join(p, k), "invalid regexp value for " + quote(k));
                }
                String re = string(e.getValue(), join(p, k));
                try {
                    Pattern.compile("^(?:" + re + ")$");
                } catch (PatternSyntaxException ex) {
                    throw error(e.getValue(), join(p, k), "error parsing regexp: " + ex.getDescription());
                }
                out.put(k, re);
            }
            return out;
        }

        private List<LabelMatcher> matcherList(Node v, String p) {
            List<LabelMatcher> out = new ArrayList<>();
            List<Node> items = sequence(v, p);
            for (int i = 0; i < items.size(); i++) {
                String s = string(items.get(i), p + "[" + i + "]");
                try {
                    out.addAll(Matchers.parse(s));
                } catch (MatcherParseException ex) {
                    throw error(items.get(i), p + "[" + i + "]", ex.getMessage());
                }
            }
            return Matchers.sorted(out);
        }

        private void checkRoute() {
            if (route == null) {
                throw new ConfigException(null, 0, "route", "no routes provided");
            }
            if (route.receiver() == null || route.receiver().isEmpty()) {
                throw error(routeNode, "route", "root route must specify a default receiver");
            }
            if (!route.match().isEmpty() || !route.matchRe().isEmpty() || !route.matchers().isEmpty()) {
                throw error(routeNode, "route", "root route must not have any matchers");
            }
            if (!route.muteTimeIntervals().isEmpty()) {
                throw error(routeNode, "route", "root route must not have any mute time intervals");
            }
            if (!route.activeTimeIntervals().isEmpty()) {
                throw error(routeNode, "route", "root route must not have any active time intervals");
            }
            Set<String> names = new HashSet<>();
            receivers.forEach(r -> names.add(r.name));
            checkReceiverRefs(route, names);
        }

        private void checkReceiverRefs(RouteConfig r, Set<String> names) {
            for (RouteConfig c : r.routes()) {
                checkReceiverRefs(c, names);
            }
            if (r.receiver() != null && !r.receiver().isEmpty() && !names.contains(r.receiver())) {
                throw new ConfigException(null, r.line(), "route.receiver",
                        "undefined receiver " + quote(r.receiver()) + " used in route");
            }
        }

        // ---------------------------------------------------------------- inhibit rules

        private InhibitRuleConfig inhibitRule(Node n, String path) {
            Map<String, Node> m = mapping(n, path, INHIBIT_FIELDS, "config.plain");
            List<LabelMatcher> source = new ArrayList<>();
            List<LabelMatcher> target = new ArrayList<>();
            List<String> equal = new ArrayList<>();
            String name = "";
            Map<String, String> sourceMatch = Map.of();
            Map<String, String> targetMatch = Map.of();
            for (Map.Entry<String, Node> e : m.entrySet()) {
                String p = join(path, e.getKey());
                Node v = e.getValue();
                switch (e.getKey()) {
                    case "name" -> name = string(v, p);
                    case "source_match" -> sourceMatch = YamlNodes.stringMap(v, p);
                    case "target_match" -> targetMatch = YamlNodes.stringMap(v, p);
                    case "source_match_re" -> matchRegexps(v, p).forEach((k, re) ->
                            source.add(Matchers.create(MatchType.REGEX, k, re)));
                    case "target_match_re" -> matchRegexps(v, p).forEach((k, re) ->
                            target.add(Matchers.create(MatchType.REGEX, k, re)));
                    case "source_matchers" -> source.addAll(matcherList(v, p));
                    case "target_matchers" -> target.addAll(matcherList(v, p));
                    case "equal" -> equal = strings(v, p);
                    default -> throw new IllegalStateException();
                }
            }
            for (String k : sourceMatch.keySet()) {
                if (!LEGACY_LABEL_NAME.matcher(k).matches()) {
                    throw error(n, path + ".source_match", "invalid label name " + quote(k));
                }
            }
            for (String k : targetMatch.keySet()) {
                if (!LEGACY_LABEL_NAME.matcher(k).matches()) {
                    throw error(n, path + ".target_match", "invalid label name " + quote(k));
                }
            }
            for (String l : equal) {
                if (!Matchers.isValidLabelName(l)) {
                    throw error(m.get("equal"), path + ".equal", "invalid label name " + quote(l) + " in equal list");
                }
            }
            sourceMatch.forEach((k, v) -> source.add(Matchers.create(MatchType.EQUAL, k, v)));
            targetMatch.forEach((k, v) -> target.add(Matchers.create(MatchType.EQUAL, k, v)));
            return new InhibitRuleConfig(name, Matchers.sorted(source), Matchers.sorted(target), List.copyOf(equal));
        }

        // ---------------------------------------------------------------- time intervals

        private record Named(String name, List<TimeInterval> intervals, Node node) {
        }

        private List<Named> namedIntervals(Node v, String path, String missingName) {
            List<Named> out = new ArrayList<>();
            List<Node> items = sequence(v, path);
            for (int i = 0; i < items.size(); i++) {
                String p = path + "[" + i + "]";
                Map<String, Node> m = mapping(items.get(i), p, Set.of("name", "time_intervals"), "config.plain");
                List<TimeInterval> specs = new ArrayList<>();
                List<Node> specNodes = m.containsKey("time_intervals")
                        ? sequence(m.get("time_intervals"), p + ".time_intervals") : List.of();
                for (int j = 0; j < specNodes.size(); j++) {
                    specs.add(interval(specNodes.get(j), p + ".time_intervals[" + j + "]"));
                }
                String name = m.containsKey("name") ? string(m.get("name"), p + ".name") : "";
                if (name.isEmpty()) {
                    throw error(items.get(i), p, missingName);
                }
                out.add(new Named(name, specs, items.get(i)));
            }
            return out;
        }

        private TimeInterval interval(Node n, String path) {
            Map<String, Node> m = mapping(n, path, INTERVAL_FIELDS, "timeinterval.TimeInterval");
            List<int[]> times = new ArrayList<>();
            List<int[]> weekdays = new ArrayList<>();
            List<int[]> days = new ArrayList<>();
            List<int[]> months = new ArrayList<>();
            List<int[]> years = new ArrayList<>();
            java.time.ZoneId zone = java.time.ZoneOffset.UTC;
            for (Map.Entry<String, Node> e : m.entrySet()) {
                String p = join(path, e.getKey());
                Node v = e.getValue();
                try {
                    switch (e.getKey()) {
                        case "times" -> {
                            for (Node t : sequence(v, p)) {
                                Map<String, Node> tm = mapping(t, p, Set.of("start_time", "end_time"),
                                        "timeinterval.TimeRange");
                                times.add(TimeInterval.timeRange(
                                        tm.containsKey("start_time") ? string(tm.get("start_time"), p) : "",
                                        tm.containsKey("end_time") ? string(tm.get("end_time"), p) : ""));
                            }
                        }
                        case "weekdays" -> strings(v, p).forEach(s -> weekdays.add(TimeInterval.weekdayRange(s)));
                        case "days_of_month" -> strings(v, p).forEach(s -> days.add(TimeInterval.dayOfMonthRange(s)));
                        case "months" -> strings(v, p).forEach(s -> months.add(TimeInterval.monthRange(s)));
                        case "years" -> strings(v, p).forEach(s -> years.add(TimeInterval.yearRange(s)));
                        case "location" -> zone = TimeInterval.location(string(v, p));
                        default -> throw new IllegalStateException();
                    }
                } catch (ConfigException ex) {
                    throw ex;
                } catch (IllegalArgumentException ex) {
                    throw error(v, p, ex.getMessage());
                }
            }
            return new TimeInterval(times, weekdays, days, months, years, zone);
        }

        private Map<String, List<TimeInterval>> checkIntervals() {
            Map<String, List<TimeInterval>> out = new LinkedHashMap<>();
            for (Named n : muteIntervals) {
                if (out.containsKey(n.name)) {
                    throw error(n.node, "mute_time_intervals", "mute time interval " + quote(n.name) + " is not unique");
                }
                out.put(n.name, n.intervals);
            }
            for (Named n : timeIntervals) {
                if (out.containsKey(n.name)) {
                    throw error(n.node, "time_intervals", "time interval " + quote(n.name) + " is not unique");
                }
                out.put(n.name, n.intervals);
            }
            checkIntervalRefs(route, out.keySet());
            return out;
        }

        private void checkIntervalRefs(RouteConfig r, Set<String> names) {
            for (RouteConfig c : r.routes()) {
                checkIntervalRefs(c, names);
            }
            for (String t : r.activeTimeIntervals()) {
                if (!names.contains(t)) {
                    throw new ConfigException(null, r.line(), "route.active_time_intervals",
                            "undefined time interval " + quote(t) + " used in route");
                }
            }
            for (String t : r.muteTimeIntervals()) {
                if (!names.contains(t)) {
                    throw new ConfigException(null, r.line(), "route.mute_time_intervals",
                            "undefined time interval " + quote(t) + " used in route");
                }
            }
        }

        // ---------------------------------------------------------------- receivers

        private static final class ReceiverDraft {
            String name;
            Node node;
            String path;
            final Map<IntegrationType, List<IntegrationDraft>> integrations = new LinkedHashMap<>();
        }

        private record IntegrationDraft(IntegrationConfig config, Node node, String path, boolean nil,
                boolean ownHttpConfig) {
        }

        private ReceiverDraft receiver(Node n, String path) {
            Set<String> allowed = new HashSet<>();
            allowed.add("name");
            allowed.add("labels");
            for (IntegrationType t : IntegrationType.values()) {
                allowed.add(t.yamlKey());
            }
            Map<String, Node> m = mapping(n, path, allowed, "config.plain");
            ReceiverDraft d = new ReceiverDraft();
            d.node = n;
            d.path = path;
            for (Map.Entry<String, Node> e : m.entrySet()) {
                String p = join(path, e.getKey());
                if (e.getKey().equals("name")) {
                    d.name = string(e.getValue(), p);
                    continue;
                }
                IntegrationType type = IntegrationType.byYamlKey(e.getKey());
                if (type == null) {
                    continue;
                }
                List<IntegrationDraft> list = new ArrayList<>();
                List<Node> items = sequence(e.getValue(), p);
                for (int i = 0; i < items.size(); i++) {
                    list.add(integration(type, i, items.get(i), p + "[" + i + "]"));
                }
                d.integrations.put(type, list);
            }
            if (d.name == null || d.name.isEmpty()) {
                throw error(n, path, "missing name in receiver");
            }
            return d;
        }

        private IntegrationDraft integration(IntegrationType type, int index, Node n, String path) {
            if (isNull(n)) {
                return new IntegrationDraft(new IntegrationConfig(type, index, Map.of(), type.sendResolvedDefault(),
                        null), n, path, true, false);
            }
            Set<String> allowed = null;
            if (type.fields() != null) {
                allowed = new HashSet<>(type.fields());
                allowed.add("send_resolved");
                if (type.hasHttpConfig()) {
                    allowed.add("http_config");
                }
            }
            Map<String, Node> m = mapping(n, path, allowed, "config.plain");
            Map<String, Object> values = new LinkedHashMap<>();
            boolean sendResolved = type.sendResolvedDefault();
            HttpClientConfig http = null;
            for (Map.Entry<String, Node> e : m.entrySet()) {
                String p = join(path, e.getKey());
                switch (e.getKey()) {
                    case "send_resolved" -> sendResolved = YamlNodes.bool(e.getValue(), p);
                    case "http_config" -> http = isNull(e.getValue()) ? null : httpConfig(e.getValue(), p);
                    case "tls_config" -> {
                        tlsConfig(e.getValue(), p);
                        values.put(e.getKey(), YamlNodes.plain(e.getValue()));
                    }
                    default -> values.put(e.getKey(), YamlNodes.plain(e.getValue()));
                }
            }
            IntegrationConfig c = new IntegrationConfig(type, index, values, sendResolved, http);
            IntegrationChecks.decode(c, n, path, m);
            return new IntegrationDraft(c, n, path, false, http != null);
        }

        private List<ReceiverConfig> checkReceivers() {
            Set<String> names = new HashSet<>();
            List<ReceiverConfig> out = new ArrayList<>();
            for (ReceiverDraft r : receivers) {
                if (!names.add(r.name)) {
                    throw error(r.node, r.path, "notification config name " + quote(r.name) + " is not unique");
                }
                for (IntegrationType t : IntegrationChecks.CONFIG_ORDER) {
                    for (IntegrationDraft d : r.integrations.getOrDefault(t, List.of())) {
                        IntegrationConfig c = d.config;
                        if (c.type().hasHttpConfig() && !d.ownHttpConfig) {
                            c.httpConfig(global.httpConfig());
                        }
                        try {
                            IntegrationChecks.applyGlobal(c, global, d.nil, d.ownHttpConfig);
                        } catch (IllegalArgumentException ex) {
                            throw error(isNull(d.node) ? r.node : d.node, d.path, ex.getMessage());
                        }
                    }
                }
                // Integrations are listed in the original's receiver field order.
                List<IntegrationConfig> list = new ArrayList<>();
                for (IntegrationType t : IntegrationType.values()) {
                    for (IntegrationDraft d : r.integrations.getOrDefault(t, List.of())) {
                        if (!d.nil) {
                            list.add(d.config);
                        }
                    }
                }
                out.add(new ReceiverConfig(r.name, List.copyOf(list), line(r.node)));
            }
            return out;
        }
    }
}
