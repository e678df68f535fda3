package dev.pharos.config;

import dev.pharos.model.Labels;
import dev.pharos.relabel.RelabelConfig;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes a loaded configuration back as YAML for {@code /api/v1/status/config}: the fields in
 * Prometheus's order, defaults filled in as Prometheus prints them, and every secret
 * (passwords, credentials, keys, client secrets, secret headers) shown as {@code <secret>}.
 */
public final class ConfigYamlWriter {

    private ConfigYamlWriter() {
    }

    public static String write(PrometheusConfig c) {
        M root = new M();
        root.put("global", global(c.global()));
        root.put("runtime", new M().put("gogc", c.runtime().gogc()));
        M alerting = new M();
        alerting.putList("alert_relabel_configs", relabels(c.alerting().alertRelabelConfigs()));
        List<Node> ams = new ArrayList<>();
        for (AlertmanagerConfig am : c.alerting().alertmanagers()) {
            ams.add(alertmanager(am).node());
        }
        alerting.putList("alertmanagers", ams);
        if (!alerting.isEmpty()) {
            root.put("alerting", alerting);
        }
        root.putStrings("rule_files", c.ruleFiles(), false);
        root.putStrings("scrape_config_files", c.scrapeConfigFiles(), false);
        List<Node> jobs = new ArrayList<>();
        for (ScrapeConfig s : c.mainScrapeConfigs()) {
            jobs.add(scrape(s).node());
        }
        root.putList("scrape_configs", jobs);
        M storage = storage(c.storage());
        if (!storage.isEmpty()) {
            root.put("storage", storage);
        }
        if (c.tracing() != null) {
            root.put("tracing", tracing(c.tracing()));
        }
        List<Node> rw = new ArrayList<>();
        for (RemoteWriteConfig r : c.remoteWriteConfigs()) {
            rw.add(remoteWrite(r).node());
        }
        root.putList("remote_write", rw);
        List<Node> rr = new ArrayList<>();
        for (RemoteReadConfig r : c.remoteReadConfigs()) {
            rr.add(remoteRead(r).node());
        }
        root.putList("remote_read", rr);
        root.put("otlp", otlp(c.otlp()));

        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        opts.setIndent(2);
        opts.setWidth(Integer.MAX_VALUE);
        opts.setSplitLines(false);
        StringWriter w = new StringWriter();
        new Yaml(opts).serialize(root.node(), w);
        return w.toString();
    }

    private static M global(GlobalConfig g) {
        M m = new M();
        m.put("scrape_interval", g.scrapeInterval());
        m.put("scrape_timeout", g.scrapeTimeout());
        if (g.scrapeProtocols() != null) {
            m.putStrings("scrape_protocols", g.scrapeProtocols(), false);
        }
        m.put("evaluation_interval", g.evaluationInterval());
        if (!g.ruleQueryOffset().isZero()) {
            m.put("rule_query_offset", g.ruleQueryOffset());
        }
        m.putNonEmpty("query_log_file", g.queryLogFile());
        m.putNonEmpty("scrape_failure_log_file", g.scrapeFailureLogFile());
        if (!g.externalLabels().isEmpty()) {
            m.put("external_labels", labels(g.externalLabels()));
        }
        if (g.bodySizeLimit() != 0) {
            m.put("body_size_limit", ByteSizes.format(g.bodySizeLimit()));
        }
        m.putNonZero("sample_limit", g.sampleLimit());
        m.putNonZero("target_limit", g.targetLimit());
        m.putNonZero("label_limit", g.labelLimit());
        m.putNonZero("label_name_length_limit", g.labelNameLengthLimit());
        m.putNonZero("label_value_length_limit", g.labelValueLengthLimit());
        m.putNonZero("keep_dropped_targets", g.keepDroppedTargets());
        m.put("metric_name_validation_scheme", g.metricNameValidationScheme().configName());
        m.put("metric_name_escaping_scheme", g.metricNameEscapingScheme());
        m.put("scrape_native_histograms", g.scrapeNativeHistograms());
        m.put("convert_classic_histograms_to_nhcb", g.convertClassicHistogramsToNhcb());
        m.put("always_scrape_classic_histograms", g.alwaysScrapeClassicHistograms());
        m.put("extra_scrape_metrics", g.extraScrapeMetrics());
        return m;
    }

    private static M scrape(ScrapeConfig s) {
        M m = new M();
        m.put("job_name", s.jobName());
        if (s.honorLabels()) {
            m.put("honor_labels", true);
        }
        m.put("honor_timestamps", s.honorTimestamps());
        m.put("track_timestamps_staleness", s.trackTimestampsStaleness());
        if (!s.params().isEmpty()) {
            M p = new M();
            s.params().forEach((k, v) -> p.putStrings(k, v, false));
            m.put("params", p);
        }
        m.put("scrape_interval", s.scrapeInterval());
        m.put("scrape_timeout", s.scrapeTimeout());
        m.putStrings("scrape_protocols", s.scrapeProtocols(), false);
        if (s.fallbackScrapeProtocol() != null) {
            m.put("fallback_scrape_protocol", s.fallbackScrapeProtocol());
        }
        m.put("scrape_native_histograms", s.scrapeNativeHistograms());
        m.put("always_scrape_classic_histograms", s.alwaysScrapeClassicHistograms());
        m.put("convert_classic_histograms_to_nhcb", s.convertClassicHistogramsToNhcb());
        m.put("extra_scrape_metrics", s.extraScrapeMetrics());
        m.put("metrics_path", s.metricsPath());
        m.put("scheme", s.scheme());
        m.put("enable_compression", s.enableCompression());
        if (s.bodySizeLimit() != 0) {
            m.put("body_size_limit", ByteSizes.format(s.bodySizeLimit()));
        }
        m.putNonZero("sample_limit", s.sampleLimit());
        m.putNonZero("target_limit", s.targetLimit());
        m.putNonZero("label_limit", s.labelLimit());
        m.putNonZero("label_name_length_limit", s.labelNameLengthLimit());
        m.putNonZero("label_value_length_limit", s.labelValueLengthLimit());
        m.putNonZero("native_histogram_bucket_limit", s.nativeHistogramBucketLimit());
        if (s.nativeHistogramMinBucketFactor() != 0) {
            m.put("native_histogram_min_bucket_factor", s.nativeHistogramMinBucketFactor());
        }
        m.putNonZero("keep_dropped_targets", s.keepDroppedTargets());
        m.put("metric_name_validation_scheme", s.metricNameValidationScheme().configName());
        m.put("metric_name_escaping_scheme", s.metricNameEscapingScheme());
        m.putNonEmpty("scrape_failure_log_file", s.scrapeFailureLogFile());
        http(m, s.httpClientConfig());
        fileSd(m, s.fileSdConfigs());
        statics(m, s.staticConfigs());
        m.putList("relabel_configs", relabels(s.relabelConfigs()));
        m.putList("metric_relabel_configs", relabels(s.metricRelabelConfigs()));
        return m;
    }

    private static M alertmanager(AlertmanagerConfig a) {
        M m = new M();
        http(m, a.httpClientConfig());
        m.put("scheme", a.scheme());
        m.putNonEmpty("path_prefix", a.pathPrefix());
        m.put("timeout", a.timeout());
        m.put("api_version", a.apiVersion());
        m.putList("relabel_configs", relabels(a.relabelConfigs()));
        m.putList("alert_relabel_configs", relabels(a.alertRelabelConfigs()));
        fileSd(m, a.fileSdConfigs());
        statics(m, a.staticConfigs());
        return m;
    }

    private static M remoteWrite(RemoteWriteConfig r) {
        M m = new M();
        m.put("url", r.url());
        m.put("remote_timeout", r.remoteTimeout());
        if (!r.headers().isEmpty()) {
            M h = new M();
            r.headers().forEach(h::put);
            m.put("headers", h);
        }
        m.putList("write_relabel_configs", relabels(r.writeRelabelConfigs()));
        m.putNonEmpty("name", r.name());
        m.put("send_exemplars", r.sendExemplars());
        m.put("send_native_histograms", r.sendNativeHistograms());
        if (r.roundRobinDns()) {
            m.put("round_robin_dns", true);
        }
        m.put("protobuf_message", r.protobufMessage());
        http(m, r.httpClientConfig());
        RemoteWriteConfig.QueueConfig q = r.queueConfig();
        M qm = new M().put("capacity", q.capacity()).put("max_shards", q.maxShards())
                .put("min_shards", q.minShards()).put("max_samples_per_send", q.maxSamplesPerSend())
                .put("batch_send_deadline", q.batchSendDeadline()).put("min_backoff", q.minBackoff())
                .put("max_backoff", q.maxBackoff());
        if (q.retryOnHttp429()) {
            qm.put("retry_on_http_429", true);
        }
        if (!q.sampleAgeLimit().isZero()) {
            qm.put("sample_age_limit", q.sampleAgeLimit());
        }
        m.put("queue_config", qm);
        RemoteWriteConfig.MetadataConfig md = r.metadataConfig();
        m.put("metadata_config", new M().put("send", md.send()).put("send_interval", md.sendInterval())
                .put("max_samples_per_send", md.maxSamplesPerSend()));
        return m;
    }

    private static M remoteRead(RemoteReadConfig r) {
        M m = new M();
        m.put("url", r.url());
        m.put("remote_timeout", r.remoteTimeout());
        if (!r.headers().isEmpty()) {
            M h = new M();
            r.headers().forEach(h::put);
            m.put("headers", h);
        }
        m.putNonEmpty("name", r.name());
        if (!r.requiredMatchers().isEmpty()) {
            M rm = new M();
            r.requiredMatchers().forEach(rm::put);
            m.put("required_matchers", rm);
        }
        m.put("read_recent", r.readRecent());
        http(m, r.httpClientConfig());
        m.put("filter_external_labels", r.filterExternalLabels());
        return m;
    }

    private static M storage(StorageConfig s) {
        M m = new M();
        if (s.tsdb() != null) {
            StorageConfig.Tsdb t = s.tsdb();
            M tm = new M();
            tm.put("out_of_order_time_window", t.outOfOrderTimeWindow());
            if (t.staleSeriesCompactionThreshold() != 0) {
                tm.put("stale_series_compaction_threshold", t.staleSeriesCompactionThreshold());
            }
            if (!t.chunkEncodingFloats().isEmpty()) {
                tm.put("chunk_encoding", new M().put("floats", t.chunkEncodingFloats()));
            }
            if (t.retention() != null) {
                M r = new M();
                if (t.retention().time() != null) {
                    r.put("time", t.retention().time());
                }
                if (t.retention().size() != 0) {
                    r.put("size", ByteSizes.format(t.retention().size()));
                }
                if (t.retention().percentage() != 0) {
                    r.put("percentage", t.retention().percentage());
                }
                tm.put("retention", r);
            }
            m.put("tsdb", tm);
        }
        if (s.exemplars() != null) {
            m.put("exemplars", new M().put("max_exemplars", s.exemplars().maxExemplars()));
        }
        return m;
    }

    private static M tracing(TracingConfig t) {
        M m = new M();
        m.put("client_type", t.clientType());
        m.put("endpoint", t.endpoint());
        if (t.samplingFraction() != 0) {
            m.put("sampling_fraction", t.samplingFraction());
        }
        if (t.insecure()) {
            m.put("insecure", true);
        }
        if (!t.headers().isEmpty()) {
            M h = new M();
            t.headers().forEach(h::put);
            m.put("headers", h);
        }
        m.putNonEmpty("compression", t.compression());
        m.put("timeout", t.timeout());
        tls(m, "tls_config", t.tlsConfig());
        return m;
    }

    private static M otlp(OtlpConfig o) {
        M m = new M();
        m.putStrings("promote_resource_attributes", o.promoteResourceAttributes(), false);
        if (o.promoteAllResourceAttributes()) {
            m.put("promote_all_resource_attributes", true);
        }
        m.putStrings("ignore_resource_attributes", o.ignoreResourceAttributes(), false);
        m.put("translation_strategy", o.translationStrategy());
        m.put("keep_identifying_resource_attributes", o.keepIdentifyingResourceAttributes());
        m.put("convert_histograms_to_nhcb", o.convertHistogramsToNhcb());
        m.put("promote_scope_metadata", o.promoteScopeMetadata());
        m.put("label_name_underscore_sanitization", o.labelNameUnderscoreSanitization());
        m.put("label_name_preserve_multiple_underscores", o.labelNamePreserveMultipleUnderscores());
        return m;
    }

    /** The inlined {@code <http_config>} fields, in Prometheus's order. */
    private static void http(M m, HttpClientConfig h) {
        if (h.basicAuth() != null) {
            HttpClientConfig.BasicAuth b = h.basicAuth();
            M bm = new M();
            bm.putNonEmpty("username", b.username());
            bm.putNonEmpty("username_file", b.usernameFile());
            bm.putSecret("password", b.password());
            bm.putNonEmpty("password_file", b.passwordFile());
            m.put("basic_auth", bm);
        }
        if (h.authorization() != null) {
            HttpClientConfig.Authorization a = h.authorization();
            M am = new M();
            am.put("type", a.type());
            am.putSecret("credentials", a.credentials());
            am.putNonEmpty("credentials_file", a.credentialsFile());
            m.put("authorization", am);
        }
        if (h.oauth2() != null) {
            HttpClientConfig.OAuth2 o = h.oauth2();
            M om = new M();
            om.put("client_id", o.clientId());
            om.putSecret("client_secret", o.clientSecret());
            om.putNonEmpty("client_secret_file", o.clientSecretFile());
            om.putNonEmpty("grant_type", o.grantType());
            om.putSecret("client_certificate_key", o.clientCertificateKey());
            om.putNonEmpty("client_certificate_key_file", o.clientCertificateKeyFile());
            om.putNonEmpty("client_certificate_key_id", o.clientCertificateKeyId());
            om.putNonEmpty("signature_algorithm", o.signatureAlgorithm());
            om.putNonEmpty("iss", o.iss());
            om.putNonEmpty("audience", o.audience());
            if (!o.claims().isEmpty()) {
                M cm = new M();
                o.claims().forEach(cm::put);
                om.put("claims", cm);
            }
            om.putStrings("scopes", o.scopes(), false);
            om.put("token_url", o.tokenUrl());
            if (!o.endpointParams().isEmpty()) {
                M pm = new M();
                o.endpointParams().forEach(pm::put);
                om.put("endpoint_params", pm);
            }
            tls(om, "tls_config", o.tlsConfig());
            proxy(om, o.proxyUrl(), o.noProxy(), o.proxyFromEnvironment(), o.proxyConnectHeader());
            m.put("oauth2", om);
        }
        tls(m, "tls_config", h.tlsConfig());
        m.put("follow_redirects", h.followRedirects());
        m.put("enable_http2", h.enableHttp2());
        proxy(m, h.proxyUrl(), h.noProxy(), h.proxyFromEnvironment(), h.proxyConnectHeader());
        if (!h.httpHeaders().isEmpty()) {
            M hm = new M();
            for (Map.Entry<String, HttpClientConfig.Header> e : h.httpHeaders().entrySet()) {
                M one = new M();
                one.putStrings("values", e.getValue().values(), false);
                List<String> masked = new ArrayList<>();
                e.getValue().secrets().forEach(s -> masked.add(Secret.MASK));
                one.putStrings("secrets", masked, false);
                one.putStrings("files", e.getValue().files(), false);
                hm.put(e.getKey(), one);
            }
            m.put("http_headers", hm);
        }
    }

    private static void proxy(M m, String url, String noProxy, boolean fromEnv, Map<String, List<Secret>> connect) {
        m.putNonEmpty("proxy_url", url);
        m.putNonEmpty("no_proxy", noProxy);
        if (fromEnv) {
            m.put("proxy_from_environment", true);
        }
        if (!connect.isEmpty()) {
            M cm = new M();
            connect.forEach((k, v) -> cm.putStrings(k, v.stream().map(s -> Secret.MASK).toList(), false));
            m.put("proxy_connect_header", cm);
        }
    }

    private static void tls(M m, String key, TlsConfig t) {
        M tm = new M();
        tm.putNonEmpty("ca", t.ca());
        tm.putNonEmpty("ca_file", t.caFile());
        tm.putNonEmpty("cert", t.cert());
        tm.putNonEmpty("cert_file", t.certFile());
        tm.putSecret("key", t.key());
        tm.putNonEmpty("key_file", t.keyFile());
        tm.putNonEmpty("server_name", t.serverName());
        tm.put("insecure_skip_verify", t.insecureSkipVerify());
        tm.putNonEmpty("min_version", t.minVersion());
        tm.putNonEmpty("max_version", t.maxVersion());
        m.put(key, tm);
    }

    private static void fileSd(M m, List<FileSdConfig> configs) {
        List<Node> out = new ArrayList<>();
        for (FileSdConfig f : configs) {
            M fm = new M();
            fm.putStrings("files", f.files(), false);
            fm.put("refresh_interval", f.refreshInterval());
            out.add(fm.node());
        }
        m.putList("file_sd_configs", out);
    }

    private static void statics(M m, List<StaticConfig> configs) {
        List<Node> out = new ArrayList<>();
        for (StaticConfig s : configs) {
            M sm = new M();
            sm.putStrings("targets", s.targets(), false);
            if (!s.labels().isEmpty()) {
                sm.put("labels", labels(s.labels()));
            }
            out.add(sm.node());
        }
        m.putList("static_configs", out);
    }

    private static M labels(Labels l) {
        M m = new M();
        l.forEach(m::put);
        return m;
    }

    private static List<Node> relabels(List<RelabelConfig> rules) {
        List<Node> out = new ArrayList<>();
        for (RelabelConfig r : rules) {
            M m = new M();
            m.putStrings("source_labels", r.sourceLabels(), true);
            m.putNonEmpty("separator", r.separator());
            m.putNonEmpty("regex", r.regex().expr());
            m.putNonZero("modulus", r.modulus());
            m.putNonEmpty("target_label", r.targetLabel());
            m.putNonEmpty("replacement", r.replacement());
            m.put("action", r.action().configName());
            out.add(m.node());
        }
        return out;
    }

    /** An ordered YAML mapping under construction. */
    private static final class M {
        private final List<NodeTuple> tuples = new ArrayList<>();

        boolean isEmpty() {
            return tuples.isEmpty();
        }

        M put(String key, Object value) {
            tuples.add(new NodeTuple(scalar(key), toNode(value)));
            return this;
        }

        void putNonEmpty(String key, String value) {
            if (value != null && !value.isEmpty()) {
                put(key, value);
            }
        }

        void putNonZero(String key, long value) {
            if (value != 0) {
                put(key, value);
            }
        }

        void putSecret(String key, Secret s) {
            if (s != null) {
                put(key, Secret.MASK);
            }
        }

        void putStrings(String key, List<String> values, boolean flow) {
            if (values.isEmpty()) {
                return;
            }
            List<Node> nodes = new ArrayList<>();
            values.forEach(v -> nodes.add(scalar(v)));
            tuples.add(new NodeTuple(scalar(key), new SequenceNode(Tag.SEQ, nodes,
                    flow ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK)));
        }

        void putList(String key, List<Node> nodes) {
            if (!nodes.isEmpty()) {
                tuples.add(new NodeTuple(scalar(key), new SequenceNode(Tag.SEQ, nodes, DumperOptions.FlowStyle.BLOCK)));
            }
        }

        Node node() {
            return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
        }

        private static Node toNode(Object v) {
            if (v instanceof M m) {
                return m.node();
            }
            if (v instanceof Duration d) {
                return scalar(PromDurations.format(d));
            }
            if (v instanceof Boolean b) {
                return new ScalarNode(Tag.BOOL, b.toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
            }
            if (v instanceof Integer || v instanceof Long) {
                return new ScalarNode(Tag.INT, v.toString(), null, null, DumperOptions.ScalarStyle.PLAIN);
            }
            if (v instanceof Double d) {
                String s = d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(d.longValue()) : d.toString();
                return new ScalarNode(d == Math.rint(d) ? Tag.INT : Tag.FLOAT, s, null, null,
                        DumperOptions.ScalarStyle.PLAIN);
            }
            return scalar(String.valueOf(v));
        }

        private static Node scalar(String s) {
            return new ScalarNode(Tag.STR, s, null, null, DumperOptions.ScalarStyle.PLAIN);
        }
    }
}
