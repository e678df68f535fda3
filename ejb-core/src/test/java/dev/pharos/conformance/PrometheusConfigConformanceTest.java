package dev.pharos.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pharos.config.ConfigException;
import dev.pharos.config.ConfigLoader;
import dev.pharos.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads every file of shared/conformance/prometheus-config (Prometheus's config/testdata):
 * {@code *.bad.yml} must be rejected, {@code *.good.yml} accepted or rejected only as
 * "unsupported: <sd>" (service discovery Pharos does not implement). Other files have an
 * explicit expectation below, with the reason. Counts per outcome are printed at the end.
 */
class PrometheusConfigConformanceTest {

    enum Expect { ACCEPT, REJECT }

    /** Files that are neither *.good.yml nor *.bad.yml: what Pharos must do with each, and why. */
    private static final Map<String, Expect> OTHERS = Map.ofEntries(
            // Rejected by Prometheus only with --agent; Pharos is always a full server.
            Map.entry("agent_mode.with_alert_manager.yml", Expect.ACCEPT),
            Map.entry("agent_mode.with_alert_relabels.yml", Expect.ACCEPT),
            Map.entry("agent_mode.with_remote_reads.yml", Expect.ACCEPT),
            Map.entry("agent_mode.with_rule_files.yml", Expect.ACCEPT),
            Map.entry("agent_mode.without_remote_writes.yml", Expect.ACCEPT),
            // Prometheus 3 removed the Alertmanager v1 API: api_version v1 is an error.
            Map.entry("config_with_deprecated_am_api_config.yml", Expect.REJECT),
            // A rule file used by rule_files tests; as a prometheus.yml "groups" is an unknown field.
            Map.entry("first.rules", Expect.REJECT),
            // NoTranslation / NoUTF8EscapingWithSuffixes need UTF-8 names; global legacy validation forbids it.
            Map.entry("otlp_allow_utf8.incompatible.yml", Expect.REJECT),
            Map.entry("otlp_no_translation.incompatible.yml", Expect.REJECT),
            // An empty global block is valid (defaults apply).
            Map.entry("otlp_empty.yml", Expect.ACCEPT),
            // Valid combinations of metric_name_validation_scheme and metric_name_escaping_scheme.
            Map.entry("scrape_config_default_validation_mode.yml", Expect.ACCEPT),
            Map.entry("scrape_config_global_validation_mode.yml", Expect.ACCEPT),
            Map.entry("scrape_config_local_global_validation_mode.yml", Expect.ACCEPT),
            Map.entry("scrape_config_local_validation_mode.yml", Expect.ACCEPT),
            Map.entry("scrape_config_local_infer_escaping.yml", Expect.ACCEPT));

    /**
     * The reason each rejected file must be rejected with (its start): Prometheus's wording
     * where Pharos reproduces it. Files of unimplemented SD mechanisms that are also invalid for
     * another reason (mostly a missing job_name) are listed with that reason.
     */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("azure_authentication_method.bad.yml", "job_name is empty"),
            Map.entry("bearertoken.bad.yml", "at most one of bearer_token & bearer_token_file must be configured"),
            Map.entry("bearertoken_basicauth.bad.yml", "at most one of basic_auth, oauth2, bearer_token & bearer_token_file mu"),
            Map.entry("config_with_deprecated_am_api_config.yml", "expected Alertmanager api version to be one of [v2] but got v1"),
            Map.entry("dropequal.bad.yml", "relabel configuration for dropequal action requires 'target_label' val"),
            Map.entry("dropequal1.bad.yml", "dropequal action requires only 'source_labels' and `target_label`, and"),
            Map.entry("empty_alert_relabel_config.bad.yml", "empty or null alert relabeling rule"),
            Map.entry("empty_alertmanager_relabel_config.bad.yml", "empty or null Alertmanager target relabeling rule"),
            Map.entry("empty_metric_relabel_config.bad.yml", "empty or null metric relabeling rule in scrape config"),
            Map.entry("empty_rr_config.bad.yml", "empty or null remote read config section"),
            Map.entry("empty_rw_config.bad.yml", "empty or null remote write config section"),
            Map.entry("empty_rw_relabel_config.bad.yml", "empty or null relabeling rule in remote write config"),
            Map.entry("empty_scrape_config.bad.yml", "empty or null scrape config section"),
            Map.entry("empty_scrape_config_action.bad.yml", "relabel action cannot be empty"),
            Map.entry("empty_static_config.bad.yml", "empty or null section in static_configs"),
            Map.entry("empty_target_relabel_config.bad.yml", "empty or null target relabeling rule in scrape config"),
            Map.entry("first.rules", "field groups not found in type config.Config"),
            Map.entry("hetzner_role.bad.yml", "job_name is empty"),
            Map.entry("http_url_bad_scheme.bad.yml", "job_name is empty"),
            Map.entry("http_url_no_host.bad.yml", "job_name is empty"),
            Map.entry("http_url_no_scheme.bad.yml", "job_name is empty"),
            Map.entry("ionos_datacenter.bad.yml", "job_name is empty"),
            Map.entry("jobname.bad.yml", "job_name is empty"),
            Map.entry("jobname_dup.bad.yml", "found multiple scrape configs with job name \"prometheus\""),
            Map.entry("keepequal.bad.yml", "relabel configuration for keepequal action requires 'target_label' val"),
            Map.entry("keepequal1.bad.yml", "keepequal action requires only 'source_labels' and `target_label`, and"),
            Map.entry("kubernetes_namespace_discovery.bad.yml", "job_name is empty"),
            Map.entry("kubernetes_role.bad.yml", "job_name is empty"),
            Map.entry("labeldrop.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop2.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop3.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop4.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labeldrop5.bad.yml", "labeldrop action requires only 'regex', and no other fields"),
            Map.entry("labelkeep.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep2.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep3.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep4.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelkeep5.bad.yml", "labelkeep action requires only 'regex', and no other fields"),
            Map.entry("labelmap.bad.yml", "!!binary value contains invalid base64 data"),
            Map.entry("labelname.bad.yml", "invalid UTF-8 in !!binary value: label names, label values and strings"),
            Map.entry("labelvalue.bad.yml", "invalid UTF-8 in !!binary value: label names, label values and strings"),
            Map.entry("lowercase.bad.yml", "relabel configuration for lowercase action requires 'target_label' val"),
            Map.entry("lowercase3.bad.yml", "'replacement' can not be set for lowercase action"),
            Map.entry("metric_name_validation_scheme.bad.yml", "unknown global name validation method specified, must be either '', 'l"),
            Map.entry("modulus_missing.bad.yml", "relabel configuration for hashmod requires non-zero modulus"),
            Map.entry("oci_authentication_method.bad.yml", "job_name is empty"),
            Map.entry("openstack_availability.bad.yml", "job_name is empty"),
            Map.entry("openstack_role.bad.yml", "job_name is empty"),
            Map.entry("otlp_allow_utf8.bad.yml", "unsupported OTLP translation strategy \"Invalid\""),
            Map.entry("otlp_allow_utf8.incompatible.yml", "OTLP translation strategy \"NoUTF8EscapingWithSuffixes\" is not allowed "),
            Map.entry("otlp_ignore_resource_attributes_without_promote_all.bad.yml", "'ignore_resource_attributes' cannot be configured unless 'promote_all_"),
            Map.entry("otlp_no_translation.incompatible.yml", "OTLP translation strategy \"NoTranslation\" is not allowed when UTF8 is "),
            Map.entry("otlp_promote_all_resource_attributes.bad.yml", "'promote_all_resource_attributes' and 'promote_resource_attributes' ca"),
            Map.entry("otlp_sanitize_ignore_resource_attributes.bad.yml", "invalid 'ignore_resource_attributes': duplicated ignored OTel resource"),
            Map.entry("otlp_sanitize_promote_resource_attributes.bad.yml", "invalid 'promote_resource_attributes': duplicated promoted OTel resour"),
            Map.entry("ovhcloud_bad_service.bad.yml", "job_name is empty"),
            Map.entry("ovhcloud_no_secret.bad.yml", "job_name is empty"),
            Map.entry("puppetdb_bad_url.bad.yml", "job_name is empty"),
            Map.entry("puppetdb_no_query.bad.yml", "job_name is empty"),
            Map.entry("puppetdb_no_scheme.bad.yml", "job_name is empty"),
            Map.entry("puppetdb_no_url.bad.yml", "job_name is empty"),
            Map.entry("regex.bad.yml", "error parsing regexp: Unclosed group: `abc(def`"),
            Map.entry("remote_read_dup.bad.yml", "found multiple remote read configs with job name \"queue1\""),
            Map.entry("remote_read_header.bad.yml", "x-prometheus-remote-write-version is a reserved header. It must not be"),
            Map.entry("remote_read_url_missing.bad.yml", "url for remote_read is empty"),
            Map.entry("remote_write_authorization_header.bad.yml", "authorization header must be changed via the basic_auth, authorization"),
            Map.entry("remote_write_dup.bad.yml", "found multiple remote write configs with job name \"queue1\""),
            Map.entry("remote_write_header.bad.yml", "x-prometheus-remote-write-version is a reserved header. It must not be"),
            Map.entry("remote_write_queue_capacity_zero.bad.yml", "queue_config: capacity must be greater than 0, got 0"),
            Map.entry("remote_write_queue_max_backoff_less_than_min.bad.yml", "queue_config: max_backoff (1s) must be greater than or equal to min_ba"),
            Map.entry("remote_write_queue_max_samples_per_send_zero.bad.yml", "queue_config: max_samples_per_send must be greater than 0, got 0"),
            Map.entry("remote_write_queue_max_shards_zero.bad.yml", "queue_config: max_shards must be greater than 0, got 0"),
            Map.entry("remote_write_queue_min_shards_greater_than_max.bad.yml", "queue_config: min_shards (100) must be less than or equal to max_shard"),
            Map.entry("remote_write_queue_min_shards_zero.bad.yml", "queue_config: min_shards must be greater than 0, got 0"),
            Map.entry("remote_write_url_missing.bad.yml", "url for remote_write is empty"),
            Map.entry("remote_write_wrong_msg.bad.yml", "invalid protobuf_message value: unknown remote write protobuf message "),
            Map.entry("rules.bad.yml", "invalid rule file path \"my/*/rule\""),
            Map.entry("scaleway_no_secret.bad.yml", "job_name is empty"),
            Map.entry("scaleway_role.bad.yml", "job_name is empty"),
            Map.entry("scaleway_two_secrets.bad.yml", "job_name is empty"),
            Map.entry("scrape_body_size_limit.bad.yml", "invalid size \"100\": a number and a unit (B, KB, MB, GB, TB, PB, EB) ar"),
            Map.entry("scrape_config_files.bad.yml", "scrape timeout greater than scrape interval for scrape config with job"),
            Map.entry("scrape_config_files_double_import.bad.yml", "found multiple scrape configs with job name \"prometheus\", first found "),
            Map.entry("scrape_config_files_duplicate.bad.yml", "found multiple scrape configs with job name \"prometheus\", first found "),
            Map.entry("scrape_config_files_fallback_scrape_protocol1.bad.yml", "invalid fallback_scrape_protocol for scrape config with job name \"node"),
            Map.entry("scrape_config_files_fallback_scrape_protocol2.bad.yml", "cannot unmarshal !!seq into string"),
            Map.entry("scrape_config_files_glob.bad.yml", "invalid scrape config file path \"scrape_configs/*/*\""),
            Map.entry("scrape_config_files_global.bad.yml", "scrape timeout greater than scrape interval for scrape config with job"),
            Map.entry("scrape_config_files_global_duplicate.bad.yml", "found multiple scrape configs with job name \"prometheus\", first found "),
            Map.entry("scrape_config_files_scrape_protocols.bad.yml", "scrape_protocols: unknown scrape protocol prometheusproto, supported: "),
            Map.entry("scrape_config_files_scrape_protocols2.bad.yml", "duplicated protocol in scrape_protocols, got [OpenMetricsText1.0.0, Pr"),
            Map.entry("scrape_config_utf8_conflicting.bad.yml", "utf8 metric names requested but validation scheme is not set to UTF8"),
            Map.entry("scrape_interval.bad.yml", "scrape timeout greater than scrape interval for scrape config with job"),
            Map.entry("section_key_dup.bad.yml", "mapping key \"scrape_configs\" already defined at line 1"),
            Map.entry("static_config.bad.yml", "field targets not found in type config.Config"),
            Map.entry("target_label_hashmod_missing.bad.yml", "relabel configuration for hashmod action requires 'target_label' value"),
            Map.entry("target_label_missing.bad.yml", "relabel configuration for replace action requires 'target_label' value"),
            Map.entry("tracing_invalid_authorization_header.bad.yml", "custom authorization header configuration is not yet supported"),
            Map.entry("tracing_invalid_compression.bad.yml", "invalid compression type foo provided, valid options: gzip"),
            Map.entry("tracing_invalid_header.bad.yml", "x-prometheus-remote-write-version is a reserved header. It must not be"),
            Map.entry("tracing_missing_endpoint.bad.yml", "tracing endpoint must be set"),
            Map.entry("tsdb_chunk_encoding_floats.bad.yml", "invalid chunk_encoding.floats \"xor3\": must be \"xor\" or \"xor2\""),
            Map.entry("tsdb_chunk_encoding_floats_wrong_case.bad.yml", "invalid chunk_encoding.floats \"XOR\": must be \"xor\" or \"xor2\""),
            Map.entry("tsdb_chunk_encoding_floats_wrong_case_xor2.bad.yml", "invalid chunk_encoding.floats \"XOR2\": must be \"xor\" or \"xor2\""),
            Map.entry("tsdb_retention_percentage.bad.yml", "tsdb.retention.percentage must be between 0 and 100, got 101.0"),
            Map.entry("tsdb_retention_percentage_negative.bad.yml", "tsdb.retention.percentage must be between 0 and 100, got -1.0"),
            Map.entry("tsdb_retention_size.bad.yml", "invalid size \"-1GB\": a number and a unit (B, KB, MB, GB, TB, PB, EB) a"),
            Map.entry("tsdb_retention_time.bad.yml", "not a valid duration string: \"-1h\""),
            Map.entry("unknown_attr.bad.yml", "field consult_sd_configs not found in type config.ScrapeConfig"),
            Map.entry("unknown_global_attr.bad.yml", "field nonexistent_field not found in type config.GlobalConfig"),
            Map.entry("uppercase.bad.yml", "relabel configuration for uppercase action requires 'target_label' val"),
            Map.entry("uppercase3.bad.yml", "'replacement' can not be set for uppercase action"),
            Map.entry("url_in_targetgroup.bad.yml", "\"http://bad\" is not a valid hostname"));

    private static final Map<String, Integer> COUNTS = new TreeMap<>();
    private static final List<String> LOG = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        Path dir = SharedData.conformance("prometheus-config");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        return files.stream().map(p -> DynamicTest.dynamicTest(dir.relativize(p).toString(), () -> check(dir, p)));
    }

    private static void check(Path dir, Path p) {
        String name = dir.relativize(p).toString();
        String base = p.getFileName().toString();
        Expect expect;
        boolean good = base.endsWith(".good.yml");
        if (good) {
            expect = Expect.ACCEPT;
        } else if (base.endsWith(".bad.yml")) {
            expect = Expect.REJECT;
        } else {
            expect = OTHERS.get(name);
            if (expect == null) {
                fail("no expectation listed for " + name + ": add it to OTHERS with a reason");
            }
        }
        ConfigException error = null;
        try {
            ConfigLoader.load(p);
        } catch (ConfigException e) {
            error = e;
        }
        String outcome = error == null ? "accepted" : error.isUnsupported() ? "unsupported" : "rejected";
        String key = (good ? "good" : base.endsWith(".bad.yml") ? "bad" : "other") + " " + outcome;
        synchronized (COUNTS) {
            COUNTS.merge(key, 1, Integer::sum);
            LOG.add(String.format("%-62s %-11s %s", name, outcome, error == null ? "" : error.getMessage()));
        }
        if (expect == Expect.ACCEPT) {
            assertTrue(error == null || error.isUnsupported(),
                    () -> name + " must be accepted, got: " + errorText(p));
        } else {
            assertTrue(error != null, () -> name + " must be rejected but was accepted");
        }
        if (error != null && !error.isUnsupported()) {
            String reason = REASONS.get(name);
            ConfigException e = error;
            assertTrue(reason != null, () -> name + " rejected with an unlisted reason: " + e.reason());
            assertTrue(error.reason().startsWith(reason),
                    () -> name + ": expected reason starting with \"" + reason + "\", got: " + e.reason());
        }
        if (error != null) {
            assertTrue(error.line() > 0 || error.getMessage().contains("cannot read"),
                    () -> name + ": error without a line: " + errorText(p));
        }
    }

    private static String errorText(Path p) {
        try {
            ConfigLoader.load(p);
            return "(accepted)";
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    @AfterAll
    static void report() {
        System.out.println("prometheus-config conformance, per file:");
        LOG.stream().sorted().forEach(l -> System.out.println("  " + l));
        System.out.println("prometheus-config conformance counts: " + COUNTS);
    }
}
