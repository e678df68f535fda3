package dev.pharos.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The operating interface of Pharos: MicroProfile Config properties, each also settable by
 * its environment variable (pharos.config.file = PHAROS_CONFIG_FILE, ...). Defaults come
 * from the server variables of server.xml.
 */
@ApplicationScoped
public class Settings {

    public static final String CONFIG_FILE = "pharos.config.file";
    public static final String ALERTMANAGER_CONFIG_FILE = "pharos.alertmanager.config.file";
    public static final String DATA_DIR = "pharos.data.dir";
    public static final String DB = "pharos.db";
    public static final String HTTP_PORT = "pharos.http.port";
    public static final String PUSH_PORT = "pharos.push.port";
    public static final String ALERT_PORT = "pharos.alert.port";

    private Config config() {
        return ConfigProvider.getConfig(Settings.class.getClassLoader());
    }

    public String get(String name, String defaultValue) {
        return config().getOptionalValue(name, String.class).orElse(defaultValue);
    }

    public Optional<String> get(String name) {
        return config().getOptionalValue(name, String.class);
    }

    public Path configFile() {
        return Paths.get(get(CONFIG_FILE, "prometheus.yml"));
    }

    public Path alertmanagerConfigFile() {
        return Paths.get(get(ALERTMANAGER_CONFIG_FILE, "alertmanager.yml"));
    }

    public Path dataDir() {
        return Paths.get(get(DATA_DIR, "data"));
    }

    public String db() {
        return get(DB, "h2");
    }

    public int httpPort() {
        return Integer.parseInt(get(HTTP_PORT, "9090"));
    }

    public int pushPort() {
        return Integer.parseInt(get(PUSH_PORT, "9091"));
    }

    public int alertPort() {
        return Integer.parseInt(get(ALERT_PORT, "9093"));
    }

    /**
     * The settings in force, named as Prometheus names its command-line flags where one
     * exists (for /api/v1/status/flags), plus Pharos's own.
     */
    public Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("config.file", configFile().toString());
        f.put("storage.tsdb.path", dataDir().resolve("tsdb").toString());
        f.put("storage.tsdb.retention.time", get("pharos.storage.tsdb.retention.time", "15d"));
        f.put("storage.tsdb.retention.size", get("pharos.storage.tsdb.retention.size", "0B"));
        f.put("query.lookback-delta", get("pharos.query.lookback-delta", "5m"));
        f.put("query.timeout", get("pharos.query.timeout", "2m"));
        f.put("query.max-concurrency", get("pharos.query.max-concurrency", "20"));
        f.put("query.max-samples", get("pharos.query.max-samples", "50000000"));
        f.put("rules.alert.for-outage-tolerance", get("pharos.rules.alert.for-outage-tolerance", "1h"));
        f.put("rules.alert.for-grace-period", get("pharos.rules.alert.for-grace-period", "10m"));
        f.put("rules.alert.resend-delay", get("pharos.rules.alert.resend-delay", "1m"));
        f.put("web.listen-address", ":" + httpPort());
        f.put("web.config.file", get("pharos.web.config.file", ""));
        f.put("web.enable-lifecycle", "true");
        f.put("web.enable-admin-api", "true");
        f.put("web.enable-remote-write-receiver", "true");
        f.put("alertmanager.config.file", alertmanagerConfigFile().toString());
        f.put("pharos.db", db());
        f.put("pharos.push.port", String.valueOf(pushPort()));
        f.put("pharos.alert.port", String.valueOf(alertPort()));
        return f;
    }
}
