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
