package dev.pharos.config;

import dev.pharos.config.YamlNode.Fields;
import dev.pharos.model.Labels;
import dev.pharos.model.GoRegex;
import dev.pharos.relabel.NameValidation;
import dev.pharos.relabel.RelabelAction;
import dev.pharos.relabel.RelabelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates {@code prometheus.yml} as Prometheus 3 does (config.LoadFile plus
 * GetScrapeConfigs): strict YAML (unknown and duplicate keys are errors), defaults and global
 * overrides filled in, paths resolved against the file's folder, and Prometheus's validation
 * rules and messages. Every error is a {@link ConfigException} with file, line and field.
 *
 * <p>Service discovery other than static and file is not implemented: a file using it is
 * rejected with {@link UnsupportedConfigException} ("unsupported: kubernetes_sd_configs"),
 * but only when nothing else in the file is wrong: a real error always wins, because
 * Prometheus would report it (the skipped SD sections themselves cannot be checked).
 */
public final class ConfigLoader {

    /** Service discovery sections Prometheus knows and Pharos does not implement. */
    static final Set<String> UNSUPPORTED_SD = Set.of(
            "aws_sd_configs", "azure_sd_configs", "consul_sd_configs", "digitalocean_sd_configs",
            "docker_sd_configs", "dockerswarm_sd_configs", "dns_sd_configs", "ec2_sd_configs",
            "eureka_sd_configs", "gce_sd_configs", "hetzner_sd_configs", "http_sd_configs",
            "ionos_sd_configs", "kubernetes_sd_configs", "kuma_sd_configs", "lightsail_sd_configs",
            "linode_sd_configs", "marathon_sd_configs", "nerve_sd_configs", "nomad_sd_configs",
            "oci_sd_configs", "openstack_sd_configs", "outscale_sd_configs", "ovhcloud_sd_configs",
            "puppetdb_sd_configs", "scaleway_sd_configs", "serverset_sd_configs", "stackit_sd_configs",
            "triton_sd_configs", "uyuni_sd_configs", "vultr_sd_configs");

    /** Headers an HTTP client config may not set (http_headers). */
    private static final Set<String> RESERVED_HTTP_HEADERS = Set.of(
            "authorization", "host", "content-encoding", "content-length", "content-type", "user-agent",
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate",
            "accept-encoding", "x-prometheus-remote-write-version", "x-prometheus-remote-read-version",
            "x-prometheus-scrape-timeout-seconds", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256");
    /** Headers remote write/read and tracing may not set. */
    private static final Set<String> RESERVED_REMOTE_HEADERS = Set.of(
            "host", "authorization", "content-encoding", "content-length", "content-type", "user-agent",
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate",
            "x-prometheus-remote-write-version", "x-prometheus-remote-read-version");
    private static final Set<String> ESCAPING_SCHEMES = Set.of("allow-utf-8", "underscores", "dots", "values");
    private static final Set<String> TRANSLATION_STRATEGIES = Set.of("UnderscoreEscapingWithSuffixes",
            "UnderscoreEscapingWithoutSuffixes", "NoUTF8EscapingWithSuffixes", "NoTranslation");
    private static final Set<String> TLS_VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");
    private static final java.util.regex.Pattern FILE_SD_NAME =
            java.util.regex.Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

    private final String mainFile;
    private Path dir;
    private UnsupportedConfigException unsupported;
    private final List<String> warnings = new ArrayList<>();

    private ConfigLoader(String mainFile, Path dir) {
        this.mainFile = mainFile;
        this.dir = dir;
    }

    /** Reads and validates a configuration file. */
    public static PrometheusConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read file: " + e);
        }
        return loadFromString(text, file.toString());
    }

    /**
     * Validates configuration text. {@code filename} names the file in errors; relative paths
     * inside are resolved against its folder (kept as they are when it has none).
     */
    public static PrometheusConfig loadFromString(String yaml, String filename) throws ConfigException {
        Path parent = null;
        if (filename != null && !filename.isEmpty()) {
            parent = Paths.get(filename).toAbsolutePath().getParent();
        }
        ConfigLoader loader = new ConfigLoader(filename, parent);
        PrometheusConfig cfg = loader.parseConfig(YamlNode.parse(yaml, filename));
        if (loader.unsupported != null) {
            throw loader.unsupported;
        }
        return cfg;
    }

    /**
     * Parses a file_sd target file (YAML or JSON: a list of {@code targets}/{@code labels}
     * groups), validating label names and values as Prometheus does.
     */
    public static List<StaticConfig> parseTargetGroups(String content, String filename) throws ConfigException {
        return parseTargetGroups(content, filename, true);
    }

    /**
     * As {@link #parseTargetGroups(String, String)}; with {@code strict} false unknown keys are
     * ignored, as Go's JSON decoding does for {@code .json} target files.
     */
    public static List<StaticConfig> parseTargetGroups(String content, String filename, boolean strict)
            throws ConfigException {
        ConfigLoader loader = new ConfigLoader(filename, null);
        YamlNode root = YamlNode.parse(content, filename);
        List<StaticConfig> out = new ArrayList<>();
        for (YamlNode n : root.list()) {
            if (n.isNull()) {
                throw n.error("nil target group item found");
            }
            out.add(loader.staticConfig(n, strict));
        }
        return out;
    }

    // ---------------------------------------------------------------- top level

    private PrometheusConfig parseConfig(YamlNode root) throws ConfigException {
        Fields f = root.fields("config.Config");
        GlobalConfig global = global(f.take("global"));
        RuntimeConfig runtime = runtime(f.take("runtime"));
        List<String> ruleFiles = globList(f.take("rule_files"), "invalid rule file path");
        List<String> scrapeConfigFiles = globList(f.take("scrape_config_files"), "invalid scrape config file path");

        List<YamlNode> jobNodes = f.take("scrape_configs").list();
        AlertingConfig alerting = alerting(f.take("alerting"), global);
        List<RemoteWriteConfig> remoteWrite = new ArrayList<>();
        YamlNode rwNode = f.take("remote_write");
        for (YamlNode n : rwNode.list()) {
            if (n.isNull()) {
                throw n.error("empty or null remote write config section");
            }
            remoteWrite.add(remoteWrite(n, global));
        }
        List<RemoteReadConfig> remoteRead = new ArrayList<>();
        for (YamlNode n : f.take("remote_read").list()) {
            if (n.isNull()) {
                throw n.error("empty or null remote read config section");
            }
            remoteRead.add(remoteRead(n));
        }
        StorageConfig storage = storage(f.take("storage"));
        YamlNode tracingNode = f.take("tracing");
        TracingConfig tracing = tracingNode.isNull() ? null : tracing(tracingNode);
        YamlNode otlpNode = f.take("otlp");
        OtlpConfig otlp = otlp(otlpNode);
        f.finish();

        // Config.UnmarshalYAML: validate jobs against the global config, unique names.
        List<ScrapeConfig> jobs = new ArrayList<>();
        Map<String, String> jobOrigin = new HashMap<>();
        for (YamlNode n : jobNodes) {
            ScrapeConfig sc = scrapeConfig(n, global);
            if (jobOrigin.containsKey(sc.jobName())) {
                throw new ConfigException(n.file(), n.fields("config.ScrapeConfig").lineOf("job_name"),
                        n.path() + ".job_name",
                        "found multiple scrape configs with job name \"" + sc.jobName() + "\"");
            }
            jobOrigin.put(sc.jobName(), "main config file");
            jobs.add(sc);
        }
        uniqueNames(rwNode.list(), "remote write");
        uniqueNames(f.take("remote_read").list(), "remote read");

        String ts = otlp.translationStrategy();
        if ((ts.equals("NoTranslation") || ts.equals("NoUTF8EscapingWithSuffixes"))
                && global.metricNameValidationScheme() == NameValidation.LEGACY) {
            throw otlpNode.fields("config.OTLPConfig").error("translation_strategy",
                    "OTLP translation strategy \"" + ts + "\" is not allowed when UTF8 is disabled");
        }

        // GetScrapeConfigs: jobs from scrape_config_files, each validated against the global config.
        Path mainDir = dir;
        int mainJobs = jobs.size();
        for (String pattern : scrapeConfigFiles) {
            for (Path p : Globs.expand(pattern)) {
                jobs.addAll(scrapeConfigFile(p, global, jobOrigin));
            }
        }
        dir = mainDir;

        return new PrometheusConfig(global, runtime, alerting, List.copyOf(ruleFiles),
                List.copyOf(scrapeConfigFiles), List.copyOf(jobs), jobs.size() - mainJobs, storage, tracing,
                List.copyOf(remoteWrite), List.copyOf(remoteRead), otlp, List.copyOf(warnings));
    }

    private List<ScrapeConfig> scrapeConfigFile(Path p, GlobalConfig global, Map<String, String> jobOrigin)
            throws ConfigException {
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(p.toString(), 0, "", "cannot read scrape config file: " + e);
        }
        dir = p.toAbsolutePath().getParent();
        Fields f = YamlNode.parse(text, p.toString()).fields("config.ScrapeConfigs");
        List<YamlNode> nodes = f.take("scrape_configs").list();
        f.finish();
        List<ScrapeConfig> out = new ArrayList<>();
        for (YamlNode n : nodes) {
            ScrapeConfig sc = scrapeConfig(n, global);
            String first = jobOrigin.get(sc.jobName());
            if (first != null) {
                throw new ConfigException(n.file(), n.fields("config.ScrapeConfig").lineOf("job_name"),
                        n.path() + ".job_name", "found multiple scrape configs with job name \""
                        + sc.jobName() + "\", first found in " + first);
            }
            jobOrigin.put(sc.jobName(), "\"" + p + "\"");
            out.add(sc);
        }
        return out;
    }

    private void uniqueNames(List<YamlNode> nodes, String what) throws ConfigException {
        Set<String> seen = new HashSet<>();
        for (YamlNode n : nodes) {
            Fields f = n.fields("");
            String name = f.take("name").str();
            if (!name.isEmpty() && !seen.add(name)) {
                throw f.error("name", "found multiple " + what + " configs with job name \"" + name + "\"");
            }
        }
    }

    private List<String> globList(YamlNode n, String message) throws ConfigException {
        List<String> out = new ArrayList<>();
        for (YamlNode e : n.list()) {
            String s = e.str();
            if (!Globs.isValidPattern(s)) {
                throw e.error(message + " \"" + s + "\"");
            }
            out.add(join(s));
        }
        return out;
    }

    /** Prometheus's JoinDir: relative paths are taken relative to the config file's folder. */
    private String join(String p) {
        if (p.isEmpty() || dir == null) {
            return p;
        }
        Path path = Paths.get(p);
        return path.isAbsolute() ? p : dir.resolve(path).normalize().toString();
    }

    private void unsupported(Fields f, String key) {
        YamlNode n = f.take(key);
        if (n.isNull() || (n.isSequence() && isEmptyList(n))) {
            return;
        }
        int line = f.lineOf(key);
        if (unsupported == null || (unsupported.file().equals(n.file()) && line < unsupported.line())) {
            unsupported = new UnsupportedConfigException(n.file(), line, n.path(), key);
        }
    }

    private static boolean isEmptyList(YamlNode n) {
        try {
            return n.list().isEmpty();
        } catch (ConfigException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Duration dur(Fields f, String key, Duration def) throws ConfigException {
        YamlNode n = f.take(key);
        return n.isNull() ? def : n.duration();
    }

    private static String str(Fields f, String key, String def) throws ConfigException {
        YamlNode n = f.take(key);
        return f.has(key) ? n.str() : def;
    }

    /** A present-but-null value is false, as Go's yaml.v2 zeroes the field. */
    private static boolean bool(Fields f, String key, boolean def) throws ConfigException {
        YamlNode n = f.take(key);
        return f.has(key) ? n.bool() : def;
    }

    private static Boolean optBool(Fields f, String key) throws ConfigException {
        YamlNode n = f.take(key);
        return n.isNull() ? null : n.bool();
    }

    private static long uint(Fields f, String key) throws ConfigException {
        return f.take(key).unsigned();
    }

    private static Map<String, String> stringMap(YamlNode n) throws ConfigException {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            m.put(e.getKey(), e.getValue().str());
        }
        return Collections.unmodifiableMap(m);
    }

    private static Labels labels(YamlNode n) throws ConfigException {
        Fields f = n.fields("model.LabelSet");
        Labels.Builder b = new Labels.Builder();
        for (String k : f.keys()) {
            YamlNode v = f.take(k);
            if (!NameValidation.isUtf8Name(k)) {
                throw f.error(k, "\"" + k + "\" is not a valid label name");
            }
            String value = v.str();
            if (!NameValidation.isValidUtf8(value)) {
                throw v.error("\"" + value + "\" is not a valid label value");
            }
            b.set(k, value);
        }
        return b.build();
    }

    private static void checkProtocols(YamlNode n, List<String> protocols, String suffix) throws ConfigException {
        if (protocols.isEmpty()) {
            throw n.error("scrape_protocols cannot be empty" + suffix);
        }
        Set<String> seen = new HashSet<>();
        for (String p : protocols) {
            if (!seen.add(p.toLowerCase(Locale.ROOT))) {
                throw n.error("duplicated protocol in scrape_protocols, got " + protocols + suffix);
            }
            if (!ScrapeConfig.SUPPORTED_SCRAPE_PROTOCOLS.contains(p)) {
                throw n.error("scrape_protocols: unknown scrape protocol " + p + ", supported: "
                        + ScrapeConfig.SUPPORTED_SCRAPE_PROTOCOLS + suffix);
            }
        }
    }

    // ---------------------------------------------------------------- global

    private GlobalConfig global(YamlNode n) throws ConfigException {
        Fields f = n.fields("config.GlobalConfig");
        Duration interval = dur(f, "scrape_interval", Duration.ZERO);
        Duration timeout = dur(f, "scrape_timeout", Duration.ZERO);
        YamlNode protoNode = f.take("scrape_protocols");
        List<String> protocols = f.has("scrape_protocols") ? List.copyOf(protoNode.strings()) : null;
        Duration evaluation = dur(f, "evaluation_interval", Duration.ZERO);
        Duration ruleQueryOffset = dur(f, "rule_query_offset", Duration.ZERO);
        String queryLog = join(str(f, "query_log_file", ""));
        String failureLog = join(str(f, "scrape_failure_log_file", ""));
        Labels external = labels(f.take("external_labels"));
        long bodySize = f.take("body_size_limit").isNull() ? 0 : f.take("body_size_limit").byteSize();
        long sampleLimit = uint(f, "sample_limit");
        long targetLimit = uint(f, "target_limit");
        long labelLimit = uint(f, "label_limit");
        long nameLen = uint(f, "label_name_length_limit");
        long valueLen = uint(f, "label_value_length_limit");
        long keepDropped = uint(f, "keep_dropped_targets");
        String validation = str(f, "metric_name_validation_scheme", "");
        String escaping = str(f, "metric_name_escaping_scheme", "");
        boolean nativeHist = bool(f, "scrape_native_histograms", false);
        boolean nhcb = bool(f, "convert_classic_histograms_to_nhcb", false);
        boolean alwaysClassic = bool(f, "always_scrape_classic_histograms", false);
        boolean extraMetrics = bool(f, "extra_scrape_metrics", false);
        f.finish();

        if (interval.isZero()) {
            interval = GlobalConfig.DEFAULT_SCRAPE_INTERVAL;
        }
        if (timeout.compareTo(interval) > 0) {
            throw f.error("scrape_timeout", "global scrape timeout greater than scrape interval");
        }
        if (timeout.isZero()) {
            timeout = GlobalConfig.DEFAULT_SCRAPE_TIMEOUT.compareTo(interval) > 0
                    ? interval : GlobalConfig.DEFAULT_SCRAPE_TIMEOUT;
        }
        if (evaluation.isZero()) {
            evaluation = GlobalConfig.DEFAULT_EVALUATION_INTERVAL;
        }
        if (protocols != null) {
            checkProtocols(protoNode, protocols, " for global config");
        }
        NameValidation scheme = switch (validation) {
            case "", "utf8" -> NameValidation.UTF8;
            case "legacy" -> NameValidation.LEGACY;
            default -> throw f.error("metric_name_validation_scheme", "unknown global name validation method"
                    + " specified, must be either '', 'legacy' or 'utf8', got " + validation);
        };
        if (escaping.isEmpty()) {
            escaping = scheme == NameValidation.LEGACY ? "underscores" : "allow-utf-8";
        } else if (!ESCAPING_SCHEMES.contains(escaping)) {
            throw f.error("metric_name_escaping_scheme", "unknown global name escaping method specified, must be"
                    + " one of 'allow-utf-8', 'underscores', 'dots', or 'values', got \"" + escaping + "\"");
        }
        if (!queryLog.isEmpty()) {
            warnings.add("query_log_file is ignored: Pharos does not write a query log");
        }
        return new GlobalConfig(interval, timeout, protocols, evaluation, ruleQueryOffset, queryLog, failureLog,
                external, bodySize, sampleLimit, targetLimit, labelLimit, nameLen, valueLen, keepDropped,
                scheme, escaping, nativeHist, nhcb, alwaysClassic, extraMetrics);
    }

    private static RuntimeConfig runtime(YamlNode n) throws ConfigException {
        Fields f = n.fields("config.RuntimeConfig");
        YamlNode g = f.take("gogc");
        int gogc = g.isNull() ? RuntimeConfig.DEFAULT.gogc() : g.int32();
        f.finish();
        return new RuntimeConfig(gogc);
    }

    // ---------------------------------------------------------------- scrape configs

    private ScrapeConfig scrapeConfig(YamlNode n, GlobalConfig g) throws ConfigException {
        if (n.isNull()) {
            throw n.error("empty or null scrape config section");
        }
        Fields f = n.fields("config.ScrapeConfig");
        String jobName = f.take("job_name").str();
        boolean honorLabels = bool(f, "honor_labels", false);
        boolean honorTimestamps = bool(f, "honor_timestamps", true);
        boolean trackStaleness = bool(f, "track_timestamps_staleness", false);
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : f.take("params").entries().entrySet()) {
            params.put(e.getKey(), List.copyOf(e.getValue().strings()));
        }
        Duration interval = dur(f, "scrape_interval", Duration.ZERO);
        Duration timeout = dur(f, "scrape_timeout", Duration.ZERO);
        YamlNode protoNode = f.take("scrape_protocols");
        List<String> protocols = f.has("scrape_protocols") ? List.copyOf(protoNode.strings()) : null;
        String fallback = f.take("fallback_scrape_protocol").str();
        Boolean nativeHist = optBool(f, "scrape_native_histograms");
        Boolean alwaysClassic = optBool(f, "always_scrape_classic_histograms");
        Boolean nhcb = optBool(f, "convert_classic_histograms_to_nhcb");
        Boolean extraMetrics = optBool(f, "extra_scrape_metrics");
        String metricsPath = str(f, "metrics_path", "/metrics");
        String scheme = str(f, "scheme", "http");
        boolean compression = bool(f, "enable_compression", true);
        long bodySize = f.take("body_size_limit").isNull() ? 0 : f.take("body_size_limit").byteSize();
        long sampleLimit = uint(f, "sample_limit");
        long targetLimit = uint(f, "target_limit");
        long labelLimit = uint(f, "label_limit");
        long nameLen = uint(f, "label_name_length_limit");
        long valueLen = uint(f, "label_value_length_limit");
        long bucketLimit = uint(f, "native_histogram_bucket_limit");
        double minBucketFactor = f.take("native_histogram_min_bucket_factor").floating();
        long keepDropped = uint(f, "keep_dropped_targets");
        String validation = str(f, "metric_name_validation_scheme", "");
        String escaping = str(f, "metric_name_escaping_scheme", "");
        String failureLog = join(str(f, "scrape_failure_log_file", ""));
        HttpClientConfig http = httpClient(f, true);
        List<StaticConfig> statics = staticConfigs(f.take("static_configs"));
        List<FileSdConfig> files = fileSdConfigs(f.take("file_sd_configs"));
        List<YamlNode> relabelNodes = relabelNodes(f.take("relabel_configs"),
                "empty or null target relabeling rule in scrape config");
        List<YamlNode> metricRelabelNodes = relabelNodes(f.take("metric_relabel_configs"),
                "empty or null metric relabeling rule in scrape config");
        for (String k : List.copyOf(f.keys())) {
            if (UNSUPPORTED_SD.contains(k)) {
                unsupported(f, k);
            }
        }
        f.finish();

        // ScrapeConfig.UnmarshalYAML
        if (jobName.isEmpty()) {
            throw f.error("job_name", "job_name is empty");
        }
        if (relabelNodes.isEmpty()) {
            checkStaticTargets(f.take("static_configs"));
        }
        List<RelabelConfig> relabel = new ArrayList<>();
        for (YamlNode r : relabelNodes) {
            relabel.add(relabelConfig(r));
        }
        List<RelabelConfig> metricRelabel = new ArrayList<>();
        for (YamlNode r : metricRelabelNodes) {
            metricRelabel.add(relabelConfig(r));
        }

        // ScrapeConfig.Validate(global)
        if (interval.isZero()) {
            interval = g.scrapeInterval();
        }
        if (timeout.compareTo(interval) > 0) {
            throw f.error(f.has("scrape_timeout") ? "scrape_timeout" : "scrape_interval",
                    "scrape timeout greater than scrape interval for scrape config with job name \"" + jobName + "\"");
        }
        if (timeout.isZero()) {
            timeout = g.scrapeTimeout().compareTo(interval) > 0 ? interval : g.scrapeTimeout();
        }
        if (bodySize == 0) {
            bodySize = g.bodySizeLimit();
        }
        if (sampleLimit == 0) {
            sampleLimit = g.sampleLimit();
        }
        if (targetLimit == 0) {
            targetLimit = g.targetLimit();
        }
        if (labelLimit == 0) {
            labelLimit = g.labelLimit();
        }
        if (nameLen == 0) {
            nameLen = g.labelNameLengthLimit();
        }
        if (valueLen == 0) {
            valueLen = g.labelValueLengthLimit();
        }
        if (keepDropped == 0) {
            keepDropped = g.keepDroppedTargets();
        }
        if (failureLog.isEmpty()) {
            failureLog = g.scrapeFailureLogFile();
        }
        boolean effNative = nativeHist != null ? nativeHist : g.scrapeNativeHistograms();
        String suffix = " for scrape config with job name \"" + jobName + "\"";
        if (protocols == null) {
            protocols = g.scrapeProtocols() != null ? g.scrapeProtocols()
                    : effNative ? ScrapeConfig.DEFAULT_PROTO_FIRST_SCRAPE_PROTOCOLS
                    : ScrapeConfig.DEFAULT_SCRAPE_PROTOCOLS;
        } else {
            checkProtocols(protoNode, protocols, suffix);
        }
        if (!fallback.isEmpty() && !ScrapeConfig.SUPPORTED_SCRAPE_PROTOCOLS.contains(fallback)) {
            throw f.error("fallback_scrape_protocol", "invalid fallback_scrape_protocol" + suffix
                    + ": unknown scrape protocol " + fallback + ", supported: "
                    + ScrapeConfig.SUPPORTED_SCRAPE_PROTOCOLS);
        }
        boolean localUnset = validation.isEmpty();
        NameValidation nameScheme = switch (validation) {
            case "" -> g.metricNameValidationScheme();
            case "utf8" -> NameValidation.UTF8;
            case "legacy" -> NameValidation.LEGACY;
            default -> throw f.error("metric_name_validation_scheme", "unknown scrape config name validation"
                    + " method specified, must be either '', 'legacy' or 'utf8', got " + validation);
        };
        if (escaping.isEmpty()) {
            escaping = localUnset ? g.metricNameEscapingScheme()
                    : nameScheme == NameValidation.LEGACY ? "underscores" : "allow-utf-8";
        } else if (!ESCAPING_SCHEMES.contains(escaping)) {
            throw f.error("metric_name_escaping_scheme", "unknown scrape config name escaping method specified,"
                    + " must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got \"" + escaping + "\"");
        }
        if (escaping.equals("allow-utf-8") && nameScheme != NameValidation.UTF8) {
            throw f.error(f.has("metric_name_escaping_scheme") ? "metric_name_escaping_scheme" : "job_name",
                    "utf8 metric names requested but validation scheme is not set to UTF8");
        }
        relabel = validateRelabel(relabelNodes, relabel, nameScheme);
        metricRelabel = validateRelabel(metricRelabelNodes, metricRelabel, nameScheme);

        return new ScrapeConfig(jobName, honorLabels, honorTimestamps, trackStaleness,
                Collections.unmodifiableMap(params), interval, timeout, List.copyOf(protocols),
                fallback.isEmpty() ? null : fallback, effNative,
                alwaysClassic != null ? alwaysClassic : g.alwaysScrapeClassicHistograms(),
                nhcb != null ? nhcb : g.convertClassicHistogramsToNhcb(),
                extraMetrics != null ? extraMetrics : g.extraScrapeMetrics(),
                metricsPath, scheme, compression, bodySize, sampleLimit, targetLimit, labelLimit, nameLen,
                valueLen, bucketLimit, minBucketFactor, keepDropped, nameScheme, escaping, failureLog, http,
                statics, files, List.copyOf(relabel), List.copyOf(metricRelabel));
    }

    private static List<YamlNode> relabelNodes(YamlNode n, String nullMessage) throws ConfigException {
        List<YamlNode> nodes = n.list();
        for (YamlNode r : nodes) {
            if (r.isNull()) {
                throw r.error(nullMessage);
            }
        }
        return nodes;
    }

    private static List<RelabelConfig> validateRelabel(List<YamlNode> nodes, List<RelabelConfig> rules,
            NameValidation scheme) throws ConfigException {
        List<RelabelConfig> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            RelabelConfig r = rules.get(i).withNameValidation(scheme);
            try {
                r.validate();
            } catch (IllegalArgumentException e) {
                throw nodes.get(i).error(e.getMessage());
            }
            out.add(r);
        }
        return out;
    }

    /** Parses one relabel rule; validation against a name scheme comes later, as in Prometheus 3. */
    private static RelabelConfig relabelConfig(YamlNode n) throws ConfigException {
        Fields f = n.fields("relabel.Config");
        RelabelConfig.Builder b = RelabelConfig.builder();
        YamlNode src = f.take("source_labels");
        List<String> sources = new ArrayList<>();
        for (YamlNode s : src.list()) {
            String name = s.str();
            if (!NameValidation.isUtf8Name(name)) {
                throw s.error("\"" + name + "\" is not a valid label name");
            }
            sources.add(name);
        }
        b.sourceLabels(sources);
        if (f.has("separator")) {
            b.separator(f.take("separator").str());
        }
        if (f.has("regex")) {
            YamlNode r = f.take("regex");
            try {
                b.regex(GoRegex.compile(r.str()));
            } catch (IllegalArgumentException e) {
                throw r.error(e.getMessage());
            }
        }
        b.modulus(f.take("modulus").unsigned());
        b.targetLabel(f.take("target_label").str());
        if (f.has("replacement")) {
            b.replacement(f.take("replacement").str());
        }
        if (f.has("action")) {
            YamlNode a = f.take("action");
            String action = a.str();
            if (action.isEmpty()) {
                throw a.error("relabel action cannot be empty");
            }
            try {
                b.action(RelabelAction.parse(action));
            } catch (IllegalArgumentException e) {
                throw a.error(e.getMessage());
            }
        }
        f.finish();
        return b.build();
    }

    private List<StaticConfig> staticConfigs(YamlNode n) throws ConfigException {
        List<StaticConfig> out = new ArrayList<>();
        for (YamlNode e : n.list()) {
            if (e.isNull()) {
                throw e.error("empty or null section in static_configs");
            }
            out.add(staticConfig(e, true));
        }
        return List.copyOf(out);
    }

    private StaticConfig staticConfig(YamlNode n, boolean strict) throws ConfigException {
        Fields f = n.fields("targetgroup.Group");
        List<String> targets = f.take("targets").strings();
        Labels labels = labels(f.take("labels"));
        if (strict) {
            f.finish();
        }
        return new StaticConfig(targets, labels);
    }

    /** Prometheus rejects URLs as static targets unless relabeling could turn them into addresses. */
    private static void checkStaticTargets(YamlNode staticNode) throws ConfigException {
        for (YamlNode group : staticNode.list()) {
            for (YamlNode t : group.fields("targetgroup.Group").take("targets").list()) {
                String addr = t.str();
                if (addr.contains("/")) {
                    throw t.error("\"" + addr + "\" is not a valid hostname");
                }
            }
        }
    }

    private List<FileSdConfig> fileSdConfigs(YamlNode n) throws ConfigException {
        List<FileSdConfig> out = new ArrayList<>();
        for (YamlNode e : n.list()) {
            if (e.isNull()) {
                throw e.error("empty or null section in file_sd_configs");
            }
            Fields f = e.fields("file.SDConfig");
            List<String> files = new ArrayList<>();
            for (YamlNode p : f.take("files").list()) {
                String s = p.str();
                if (!FILE_SD_NAME.matcher(s).matches()) {
                    throw p.error("path name \"" + s + "\" is not valid for file discovery");
                }
                files.add(join(s));
            }
            Duration refresh = dur(f, "refresh_interval", FileSdConfig.DEFAULT_REFRESH_INTERVAL);
            f.finish();
            if (files.isEmpty()) {
                throw e.error("file service discovery config must contain at least one path name");
            }
            out.add(new FileSdConfig(files, refresh));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- HTTP client

    private HttpClientConfig httpClient(Fields f, boolean http2Default) throws ConfigException {
        HttpClientConfig.BasicAuth basic = null;
        YamlNode ba = f.take("basic_auth");
        if (!ba.isNull()) {
            Fields b = ba.fields("config.BasicAuth");
            basic = new HttpClientConfig.BasicAuth(b.take("username").str(), join(b.take("username_file").str()),
                    Secret.of(b.take("password").str()), join(b.take("password_file").str()));
            b.finish();
            if (!basic.username().isEmpty() && !basic.usernameFile().isEmpty()) {
                throw f.error("basic_auth", "at most one of basic_auth username, username_file & username_ref"
                        + " must be configured");
            }
            if (basic.password() != null && !basic.passwordFile().isEmpty()) {
                throw f.error("basic_auth", "at most one of basic_auth password, password_file & password_ref"
                        + " must be configured");
            }
        }
        HttpClientConfig.Authorization authz = null;
        YamlNode az = f.take("authorization");
        if (!az.isNull()) {
            Fields a = az.fields("config.Authorization");
            authz = new HttpClientConfig.Authorization(a.take("type").str().trim(),
                    Secret.of(a.take("credentials").str()), join(a.take("credentials_file").str()));
            a.finish();
        }
        HttpClientConfig.OAuth2 oauth2 = null;
        YamlNode o = f.take("oauth2");
        if (!o.isNull()) {
            oauth2 = oauth2(o);
        }
        String bearer = f.take("bearer_token").str();
        String bearerFile = join(f.take("bearer_token_file").str());
        TlsConfig tls = tls(f.take("tls_config"));
        boolean followRedirects = bool(f, "follow_redirects", true);
        boolean http2 = bool(f, "enable_http2", http2Default);
        String proxyUrl = f.take("proxy_url").str();
        if (!proxyUrl.isEmpty()) {
            checkUrl(f.take("proxy_url"), proxyUrl);
        }
        String noProxy = f.take("no_proxy").str();
        boolean proxyFromEnv = bool(f, "proxy_from_environment", false);
        Map<String, List<Secret>> connectHeader = proxyConnectHeader(f.take("proxy_connect_header"));
        Map<String, HttpClientConfig.Header> headers = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : f.take("http_headers").entries().entrySet()) {
            Fields h = e.getValue().fields("config.Header");
            List<Secret> secrets = new ArrayList<>();
            for (String s : h.take("secrets").strings()) {
                secrets.add(Secret.of(s) == null ? Secret.of(" ") : Secret.of(s));
            }
            List<String> hf = new ArrayList<>();
            for (String s : h.take("files").strings()) {
                hf.add(join(s));
            }
            headers.put(e.getKey(), new HttpClientConfig.Header(List.copyOf(h.take("values").strings()),
                    List.copyOf(secrets), List.copyOf(hf)));
            h.finish();
            if (RESERVED_HTTP_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                throw e.getValue().error("setting header \"" + e.getKey() + "\" is not allowed");
            }
        }

        // HTTPClientConfig.Validate
        if (!bearer.isEmpty() && !bearerFile.isEmpty()) {
            throw f.error("bearer_token", "at most one of bearer_token & bearer_token_file must be configured");
        }
        if ((basic != null || oauth2 != null) && (!bearer.isEmpty() || !bearerFile.isEmpty())) {
            throw f.error(basic != null ? "basic_auth" : "oauth2",
                    "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (authz != null) {
            if (!bearer.isEmpty() || !bearerFile.isEmpty()) {
                throw f.error("authorization", "authorization is not compatible with bearer_token & bearer_token_file");
            }
            if (authz.credentials() != null && !authz.credentialsFile().isEmpty()) {
                throw f.error("authorization", "at most one of authorization credentials & credentials_file must be configured");
            }
            String type = authz.type().isEmpty() ? "Bearer" : authz.type();
            if (type.equalsIgnoreCase("basic")) {
                throw f.error("authorization", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            }
            if (basic != null || oauth2 != null) {
                throw f.error("authorization", "at most one of basic_auth, oauth2 & authorization must be configured");
            }
            authz = new HttpClientConfig.Authorization(type, authz.credentials(), authz.credentialsFile());
        } else if (!bearer.isEmpty()) {
            authz = new HttpClientConfig.Authorization("Bearer", Secret.of(bearer), "");
        } else if (!bearerFile.isEmpty()) {
            authz = new HttpClientConfig.Authorization("Bearer", null, bearerFile);
        }
        if (oauth2 != null) {
            if (basic != null) {
                throw f.error("oauth2", "at most one of basic_auth, oauth2 & authorization must be configured");
            }
            if (oauth2.clientId().isEmpty()) {
                throw f.error("oauth2", "oauth2 client_id must be configured");
            }
            if (oauth2.tokenUrl().isEmpty()) {
                throw f.error("oauth2", "oauth2 token_url must be configured");
            }
            if (oauth2.clientSecret() != null && !oauth2.clientSecretFile().isEmpty()) {
                throw f.error("oauth2", "at most one of oauth2 client_secret, client_secret_file & client_secret_ref"
                        + " must be configured");
            }
        }
        checkProxy(f, proxyUrl, noProxy, proxyFromEnv, connectHeader);
        return new HttpClientConfig(basic, authz, oauth2, tls, followRedirects, http2, proxyUrl, noProxy,
                proxyFromEnv, connectHeader, Collections.unmodifiableMap(headers));
    }

    private static void checkProxy(Fields f, String proxyUrl, String noProxy, boolean fromEnv,
            Map<String, List<Secret>> connectHeader) throws ConfigException {
        if (!connectHeader.isEmpty() && !fromEnv && proxyUrl.isEmpty()) {
            throw f.error("proxy_connect_header",
                    "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        if (fromEnv && !proxyUrl.isEmpty()) {
            throw f.error("proxy_from_environment",
                    "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (fromEnv && !noProxy.isEmpty()) {
            throw f.error("proxy_from_environment",
                    "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (proxyUrl.isEmpty() && !noProxy.isEmpty()) {
            throw f.error("no_proxy", "if no_proxy is configured, proxy_url must also be configured");
        }
    }

    private static Map<String, List<Secret>> proxyConnectHeader(YamlNode n) throws ConfigException {
        Map<String, List<Secret>> m = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : n.entries().entrySet()) {
            List<Secret> values = new ArrayList<>();
            for (String s : e.getValue().strings()) {
                values.add(Secret.of(s.isEmpty() ? " " : s));
            }
            m.put(e.getKey(), List.copyOf(values));
        }
        return Collections.unmodifiableMap(m);
    }

    private HttpClientConfig.OAuth2 oauth2(YamlNode n) throws ConfigException {
        Fields f = n.fields("config.OAuth2");
        String clientId = f.take("client_id").str();
        Secret secret = Secret.of(f.take("client_secret").str());
        String secretFile = join(f.take("client_secret_file").str());
        String grantType = f.take("grant_type").str();
        Secret certKey = Secret.of(f.take("client_certificate_key").str());
        String certKeyFile = join(f.take("client_certificate_key_file").str());
        String certKeyId = f.take("client_certificate_key_id").str();
        String sigAlg = f.take("signature_algorithm").str();
        String iss = f.take("iss").str();
        String audience = f.take("audience").str();
        Map<String, String> claims = stringMap(f.take("claims"));
        List<String> scopes = List.copyOf(f.take("scopes").strings());
        String tokenUrl = f.take("token_url").str();
        if (!tokenUrl.isEmpty()) {
            checkUrl(f.take("token_url"), tokenUrl);
        }
        Map<String, String> params = stringMap(f.take("endpoint_params"));
        TlsConfig tls = tls(f.take("tls_config"));
        String proxyUrl = f.take("proxy_url").str();
        String noProxy = f.take("no_proxy").str();
        boolean fromEnv = bool(f, "proxy_from_environment", false);
        Map<String, List<Secret>> connect = proxyConnectHeader(f.take("proxy_connect_header"));
        f.finish();
        checkProxy(f, proxyUrl, noProxy, fromEnv, connect);
        return new HttpClientConfig.OAuth2(clientId, secret, secretFile, grantType, certKey, certKeyFile,
                certKeyId, sigAlg, iss, audience, claims, scopes, tokenUrl, params, tls, proxyUrl, noProxy,
                fromEnv, connect);
    }

    private TlsConfig tls(YamlNode n) throws ConfigException {
        if (n.isNull()) {
            return TlsConfig.EMPTY;
        }
        Fields f = n.fields("config.TLSConfig");
        String ca = f.take("ca").str();
        String caFile = join(f.take("ca_file").str());
        String cert = f.take("cert").str();
        String certFile = join(f.take("cert_file").str());
        Secret key = Secret.of(f.take("key").str());
        String keyFile = join(f.take("key_file").str());
        String serverName = f.take("server_name").str();
        boolean insecure = bool(f, "insecure_skip_verify", false);
        String min = f.take("min_version").str();
        String max = f.take("max_version").str();
        f.finish();
        if (!min.isEmpty() && !TLS_VERSIONS.contains(min)) {
            throw f.error("min_version", "unknown TLS version: " + min);
        }
        if (!max.isEmpty() && !TLS_VERSIONS.contains(max)) {
            throw f.error("max_version", "unknown TLS version: " + max);
        }
        if (!ca.isEmpty() && !caFile.isEmpty()) {
            throw n.error("at most one of ca, ca_file & ca_ref must be configured");
        }
        if (!cert.isEmpty() && !certFile.isEmpty()) {
            throw n.error("at most one of cert, cert_file & cert_ref must be configured");
        }
        if (key != null && !keyFile.isEmpty()) {
            throw n.error("at most one of key and key_file must be configured");
        }
        boolean usingCert = !cert.isEmpty() || !certFile.isEmpty();
        boolean usingKey = key != null || !keyFile.isEmpty();
        if (usingCert && !usingKey) {
            throw n.error("exactly one of key or key_file must be configured when a client certificate is configured");
        }
        if (usingKey && !usingCert) {
            throw n.error("exactly one of cert or cert_file must be configured when a client key is configured");
        }
        return new TlsConfig(ca, caFile, cert, certFile, key, keyFile, serverName, insecure, min, max);
    }

    private static void checkUrl(YamlNode n, String url) throws ConfigException {
        try {
            GoUrl.check(url);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- alerting

    private AlertingConfig alerting(YamlNode n, GlobalConfig g) throws ConfigException {
        Fields f = n.fields("config.AlertingConfig");
        List<YamlNode> relabelNodes = relabelNodes(f.take("alert_relabel_configs"), "empty or null alert relabeling rule");
        List<RelabelConfig> relabel = new ArrayList<>();
        for (YamlNode r : relabelNodes) {
            relabel.add(relabelConfig(r));
        }
        List<AlertmanagerConfig> ams = new ArrayList<>();
        for (YamlNode a : f.take("alertmanagers").list()) {
            if (a.isNull()) {
                throw a.error("empty or null Alertmanager config section");
            }
            ams.add(alertmanager(a, g));
        }
        f.finish();
        relabel = validateRelabel(relabelNodes, relabel, g.metricNameValidationScheme());
        return new AlertingConfig(List.copyOf(relabel), List.copyOf(ams));
    }

    private AlertmanagerConfig alertmanager(YamlNode n, GlobalConfig g) throws ConfigException {
        Fields f = n.fields("config.AlertmanagerConfig");
        HttpClientConfig http = httpClient(f, true);
        String scheme = str(f, "scheme", "http");
        String pathPrefix = f.take("path_prefix").str();
        Duration timeout = dur(f, "timeout", Duration.ofSeconds(10));
        String apiVersion = str(f, "api_version", "v2");
        if (!f.take("sigv4").isNull()) {
            unsupported(f, "sigv4");
        }
        List<StaticConfig> statics = staticConfigs(f.take("static_configs"));
        List<FileSdConfig> files = fileSdConfigs(f.take("file_sd_configs"));
        List<YamlNode> relabelNodes = relabelNodes(f.take("relabel_configs"),
                "empty or null Alertmanager target relabeling rule");
        List<YamlNode> alertRelabelNodes = relabelNodes(f.take("alert_relabel_configs"),
                "empty or null Alertmanager alert relabeling rule");
        for (String k : List.copyOf(f.keys())) {
            if (UNSUPPORTED_SD.contains(k)) {
                unsupported(f, k);
            }
        }
        f.finish();
        if (!apiVersion.equals("v2")) {
            throw f.error("api_version",
                    "expected Alertmanager api version to be one of [v2] but got " + apiVersion);
        }
        if (relabelNodes.isEmpty()) {
            checkStaticTargets(f.take("static_configs"));
        }
        List<RelabelConfig> relabel = new ArrayList<>();
        for (YamlNode r : relabelNodes) {
            relabel.add(relabelConfig(r));
        }
        List<RelabelConfig> alertRelabel = new ArrayList<>();
        for (YamlNode r : alertRelabelNodes) {
            alertRelabel.add(relabelConfig(r));
        }
        relabel = validateRelabel(relabelNodes, relabel, g.metricNameValidationScheme());
        alertRelabel = validateRelabel(alertRelabelNodes, alertRelabel, g.metricNameValidationScheme());
        return new AlertmanagerConfig(http, scheme, pathPrefix, timeout, apiVersion, statics, files,
                List.copyOf(relabel), List.copyOf(alertRelabel));
    }

    // ---------------------------------------------------------------- remote write / read

    private static void checkRemoteHeaders(YamlNode headersNode, Map<String, String> headers, boolean tracing)
            throws ConfigException {
        for (String h : headers.keySet()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization")) {
                throw headersNode.error(tracing
                        ? "custom authorization header configuration is not yet supported"
                        : "authorization header must be changed via the basic_auth, authorization, oauth2,"
                        + " sigv4, azuread or google_iam parameter");
            }
            if (RESERVED_REMOTE_HEADERS.contains(lower)) {
                throw headersNode.error(h + " is a reserved header. It must not be changed");
            }
        }
    }

    private RemoteWriteConfig remoteWrite(YamlNode n, GlobalConfig g) throws ConfigException {
        Fields f = n.fields("config.RemoteWriteConfig");
        YamlNode urlNode = f.take("url");
        String url = urlNode.str();
        if (!url.isEmpty()) {
            checkUrl(urlNode, url);
        }
        String proto = str(f, "protobuf_message", RemoteWriteConfig.PROTO_V1);
        Duration timeout = dur(f, "remote_timeout", Duration.ofSeconds(30));
        YamlNode headersNode = f.take("headers");
        Map<String, String> headers = stringMap(headersNode);
        List<YamlNode> relabelNodes = relabelNodes(f.take("write_relabel_configs"),
                "empty or null relabeling rule in remote write config");
        List<RelabelConfig> relabel = new ArrayList<>();
        for (YamlNode r : relabelNodes) {
            relabel.add(relabelConfig(r));
        }
        String name = f.take("name").str();
        boolean sendExemplars = bool(f, "send_exemplars", false);
        boolean sendNative = bool(f, "send_native_histograms", false);
        boolean roundRobin = bool(f, "round_robin_dns", false);
        for (String k : List.of("sigv4", "azuread", "google_iam")) {
            if (f.has(k)) {
                unsupported(f, k);
            }
        }
        RemoteWriteConfig.QueueConfig queue = queueConfig(f.take("queue_config"));
        RemoteWriteConfig.MetadataConfig metadata = metadataConfig(f.take("metadata_config"));
        HttpClientConfig http = httpClient(f, false);
        f.finish();
        if (url.isEmpty()) {
            throw urlNode.error("url for remote_write is empty");
        }
        checkRemoteHeaders(headersNode, headers, false);
        if (!proto.equals(RemoteWriteConfig.PROTO_V1) && !proto.equals(RemoteWriteConfig.PROTO_V2)) {
            throw f.error("protobuf_message", "invalid protobuf_message value: unknown remote write protobuf"
                    + " message " + proto + ", supported: " + RemoteWriteConfig.PROTO_V1 + ", "
                    + RemoteWriteConfig.PROTO_V2);
        }
        relabel = validateRelabel(relabelNodes, relabel, g.metricNameValidationScheme());
        return new RemoteWriteConfig(url, proto, timeout, headers, List.copyOf(relabel), name, sendExemplars,
                sendNative, roundRobin, http, queue, metadata);
    }

    private static RemoteWriteConfig.QueueConfig queueConfig(YamlNode n) throws ConfigException {
        RemoteWriteConfig.QueueConfig d = RemoteWriteConfig.QueueConfig.DEFAULT;
        if (n.isNull()) {
            return d;
        }
        Fields f = n.fields("config.QueueConfig");
        int capacity = f.has("capacity") ? f.take("capacity").int32() : d.capacity();
        int maxShards = f.has("max_shards") ? f.take("max_shards").int32() : d.maxShards();
        int minShards = f.has("min_shards") ? f.take("min_shards").int32() : d.minShards();
        int maxSamples = f.has("max_samples_per_send") ? f.take("max_samples_per_send").int32() : d.maxSamplesPerSend();
        Duration deadline = dur(f, "batch_send_deadline", d.batchSendDeadline());
        Duration minBackoff = dur(f, "min_backoff", d.minBackoff());
        Duration maxBackoff = dur(f, "max_backoff", d.maxBackoff());
        boolean retry429 = bool(f, "retry_on_http_429", false);
        Duration ageLimit = dur(f, "sample_age_limit", Duration.ZERO);
        f.finish();
        if (capacity <= 0) {
            throw f.error("capacity", "queue_config: capacity must be greater than 0, got " + capacity);
        }
        if (maxShards <= 0) {
            throw f.error("max_shards", "queue_config: max_shards must be greater than 0, got " + maxShards);
        }
        if (minShards <= 0) {
            throw f.error("min_shards", "queue_config: min_shards must be greater than 0, got " + minShards);
        }
        if (minShards > maxShards) {
            throw f.error("min_shards", "queue_config: min_shards (" + minShards
                    + ") must be less than or equal to max_shards (" + maxShards + ")");
        }
        if (maxSamples <= 0) {
            throw f.error("max_samples_per_send",
                    "queue_config: max_samples_per_send must be greater than 0, got " + maxSamples);
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw f.error("max_backoff", "queue_config: max_backoff (" + PromDurations.format(maxBackoff)
                    + ") must be greater than or equal to min_backoff (" + PromDurations.format(minBackoff) + ")");
        }
        return new RemoteWriteConfig.QueueConfig(capacity, maxShards, minShards, maxSamples, deadline, minBackoff,
                maxBackoff, retry429, ageLimit);
    }

    private static RemoteWriteConfig.MetadataConfig metadataConfig(YamlNode n) throws ConfigException {
        RemoteWriteConfig.MetadataConfig d = RemoteWriteConfig.MetadataConfig.DEFAULT;
        if (n.isNull()) {
            return d;
        }
        Fields f = n.fields("config.MetadataConfig");
        boolean send = bool(f, "send", d.send());
        Duration interval = dur(f, "send_interval", d.sendInterval());
        int max = f.has("max_samples_per_send") ? f.take("max_samples_per_send").int32() : d.maxSamplesPerSend();
        f.finish();
        return new RemoteWriteConfig.MetadataConfig(send, interval, max);
    }

    private RemoteReadConfig remoteRead(YamlNode n) throws ConfigException {
        Fields f = n.fields("config.RemoteReadConfig");
        YamlNode urlNode = f.take("url");
        String url = urlNode.str();
        if (!url.isEmpty()) {
            checkUrl(urlNode, url);
        }
        Duration timeout = dur(f, "remote_timeout", Duration.ofMinutes(1));
        YamlNode headersNode = f.take("headers");
        Map<String, String> headers = stringMap(headersNode);
        Map<String, String> matchers = stringMap(f.take("required_matchers"));
        boolean readRecent = bool(f, "read_recent", false);
        String name = f.take("name").str();
        boolean filterExternal = bool(f, "filter_external_labels", true);
        HttpClientConfig http = httpClient(f, true);
        f.finish();
        if (url.isEmpty()) {
            throw urlNode.error("url for remote_read is empty");
        }
        checkRemoteHeaders(headersNode, headers, false);
        return new RemoteReadConfig(url, timeout, headers, matchers, readRecent, name, filterExternal, http);
    }

    // ---------------------------------------------------------------- storage, tracing, otlp

    private static StorageConfig storage(YamlNode n) throws ConfigException {
        Fields f = n.fields("config.StorageConfig");
        YamlNode t = f.take("tsdb");
        StorageConfig.Tsdb tsdb = null;
        if (!t.isNull()) {
            Fields tf = t.fields("config.TSDBConfig");
            Duration ooo = dur(tf, "out_of_order_time_window", Duration.ZERO);
            double stale = tf.take("stale_series_compaction_threshold").floating();
            String floats = "";
            YamlNode ce = tf.take("chunk_encoding");
            if (!ce.isNull()) {
                Fields cf = ce.fields("config.ChunkEncodingConfig");
                floats = cf.take("floats").str();
                cf.finish();
                if (!floats.isEmpty() && !floats.equals("xor") && !floats.equals("xor2")) {
                    throw cf.error("floats", "invalid chunk_encoding.floats \"" + floats
                            + "\": must be \"xor\" or \"xor2\"");
                }
            }
            StorageConfig.Retention retention = null;
            YamlNode r = tf.take("retention");
            if (!r.isNull()) {
                Fields rf = r.fields("config.TSDBRetentionConfig");
                Duration time = rf.take("time").isNull() ? null : rf.take("time").duration();
                long size = rf.take("size").isNull() ? 0 : rf.take("size").byteSize();
                double pct = rf.take("percentage").floating();
                rf.finish();
                if (pct < 0 || pct > 100 || Double.isNaN(pct)) {
                    throw rf.error("percentage", "tsdb.retention.percentage must be between 0 and 100, got " + pct);
                }
                retention = new StorageConfig.Retention(time, size, pct);
            }
            tf.finish();
            if (stale < 0 || stale > 1) {
                throw tf.error("stale_series_compaction_threshold",
                        "stale_series_compaction_threshold must be between 0 and 1");
            }
            tsdb = new StorageConfig.Tsdb(ooo, stale, floats, retention);
        }
        YamlNode e = f.take("exemplars");
        StorageConfig.Exemplars exemplars = null;
        if (!e.isNull()) {
            Fields ef = e.fields("config.ExemplarsConfig");
            long max = ef.has("max_exemplars") ? ef.take("max_exemplars").integer("int64") : 100000;
            ef.finish();
            exemplars = new StorageConfig.Exemplars(max);
        }
        f.finish();
        return new StorageConfig(tsdb, exemplars);
    }

    private TracingConfig tracing(YamlNode n) throws ConfigException {
        Fields f = n.fields("config.TracingConfig");
        String clientType = str(f, "client_type", "grpc");
        String endpoint = f.take("endpoint").str();
        double fraction = f.take("sampling_fraction").floating();
        boolean insecure = bool(f, "insecure", false);
        YamlNode headersNode = f.take("headers");
        Map<String, String> headers = stringMap(headersNode);
        String compression = f.take("compression").str();
        Duration timeout = dur(f, "timeout", Duration.ofSeconds(10));
        TlsConfig tls = tls(f.take("tls_config"));
        f.finish();
        if (!clientType.equals("grpc") && !clientType.equals("http")) {
            throw f.error("client_type", "expected tracing client type to be to be grpc or http, but got " + clientType);
        }
        checkRemoteHeaders(headersNode, headers, true);
        if (endpoint.isEmpty()) {
            throw n.error("tracing endpoint must be set");
        }
        if (!compression.isEmpty() && !compression.equals("gzip")) {
            throw f.error("compression", "invalid compression type " + compression + " provided, valid options: gzip");
        }
        return new TracingConfig(clientType, endpoint, fraction, insecure, headers, compression, timeout, tls);
    }

    private static OtlpConfig otlp(YamlNode n) throws ConfigException {
        OtlpConfig d = OtlpConfig.DEFAULT;
        Fields f = n.fields("config.OTLPConfig");
        YamlNode promoteNode = f.take("promote_resource_attributes");
        List<String> promote = promoteNode.strings();
        boolean promoteAll = bool(f, "promote_all_resource_attributes", false);
        YamlNode ignoreNode = f.take("ignore_resource_attributes");
        List<String> ignore = ignoreNode.strings();
        String strategy = str(f, "translation_strategy", d.translationStrategy());
        boolean keepIdentifying = bool(f, "keep_identifying_resource_attributes", false);
        boolean nhcb = bool(f, "convert_histograms_to_nhcb", false);
        boolean scopeMetadata = bool(f, "promote_scope_metadata", false);
        boolean underscore = bool(f, "label_name_underscore_sanitization", true);
        boolean multiple = bool(f, "label_name_preserve_multiple_underscores", true);
        f.finish();
        if (promoteAll) {
            if (!promote.isEmpty()) {
                throw f.error("promote_resource_attributes", "'promote_all_resource_attributes' and"
                        + " 'promote_resource_attributes' cannot be configured simultaneously");
            }
            ignore = sanitizeAttributes(ignoreNode, ignore, "ignored", "ignore_resource_attributes");
        } else {
            if (!ignore.isEmpty()) {
                throw f.error("ignore_resource_attributes", "'ignore_resource_attributes' cannot be configured"
                        + " unless 'promote_all_resource_attributes' is true");
            }
            promote = sanitizeAttributes(promoteNode, promote, "promoted", "promote_resource_attributes");
        }
        if (strategy.isEmpty()) {
            strategy = d.translationStrategy();
        }
        if (!TRANSLATION_STRATEGIES.contains(strategy)) {
            throw f.error("translation_strategy", "unsupported OTLP translation strategy \"" + strategy + "\"");
        }
        return new OtlpConfig(List.copyOf(promote), promoteAll, List.copyOf(ignore), strategy, keepIdentifying,
                nhcb, scopeMetadata, underscore, multiple);
    }

    private static List<String> sanitizeAttributes(YamlNode n, List<String> attrs, String adjective, String field)
            throws ConfigException {
        List<String> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String a : attrs) {
            String t = a.trim();
            if (t.isEmpty()) {
                errors.add("empty " + adjective + " OTel resource attribute");
                continue;
            }
            if (!seen.add(t)) {
                errors.add("duplicated " + adjective + " OTel resource attribute \"" + t + "\"");
                continue;
            }
            out.add(t);
        }
        if (!errors.isEmpty()) {
            throw n.error("invalid '" + field + "': " + String.join("\n", errors));
        }
        return out;
    }
}
