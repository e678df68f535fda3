package dev.pharos.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.pharos.promql.promqltest.TestScript;
import dev.pharos.testsupport.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every PromQL test script of ../shared/conformance/promqltest against the engine, one
 * dynamic test per eval, and prints per-file counts (passed / failed / skipped, time).
 *
 * <p>Evals that need native histograms are skipped everywhere: they load or expect
 * histogram samples, or select a series that has them, and the storage interface carries
 * floats only. The runner names each skipped eval with its reason. Every other eval must pass,
 * including the experimental-feature files (duration expressions, fill modifiers, anchored and
 * smoothed ranges, info(), type and unit labels).
 *
 * <p>{@link #REPORT_ONLY} files run and report their counts but never fail the build:
 * native_histograms.test is about native histograms throughout, and start_timestamps.test needs
 * per-sample start timestamps ({@code @st} series), which dev.pharos.tsdb does not store.
 */
class PromqlConformanceTest {

    static final Set<String> REPORT_ONLY = Set.of(
            "native_histograms.test", // native histograms throughout
            "start_timestamps.test"); // needs sample start timestamps in storage

    @TestFactory
    Stream<DynamicNode> scripts() throws IOException {
        Path dir = SharedData.conformance("promqltest");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        StringBuilder report = new StringBuilder("\nPromQL test scripts (passed / failed / skipped):\n");
        for (Path f : files) {
            String name = f.getFileName().toString();
            boolean reportOnly = REPORT_ONLY.contains(name);
            List<TestScript.Outcome> outcomes;
            long t0 = System.nanoTime();
            try {
                outcomes = new TestScript(name, Files.readAllLines(f, StandardCharsets.UTF_8)).run();
            } catch (RuntimeException e) {
                nodes.add(DynamicTest.dynamicTest(name, () -> {
                    if (reportOnly) {
                        Assumptions.abort("report-only file could not be run: " + e);
                    }
                    throw e;
                }));
                report.append(String.format("  %-28s script error: %s%n", name, e.getMessage()));
                continue;
            }
            long passed = outcomes.stream().filter(o -> o.status() == TestScript.Status.PASSED).count();
            long failed = outcomes.stream().filter(o -> o.status() == TestScript.Status.FAILED).count();
            long skipped = outcomes.stream().filter(o -> o.status() == TestScript.Status.SKIPPED).count();
            report.append(String.format("  %-28s %4d / %4d / %4d %6d ms%s%n", name, passed, failed, skipped,
                    (System.nanoTime() - t0) / 1_000_000, reportOnly ? "  (report-only)" : ""));
            if (System.getProperty("promqltest.failures") != null) {
                for (TestScript.Outcome o : outcomes) {
                    boolean show = o.status() == TestScript.Status.FAILED
                            || (o.status() == TestScript.Status.SKIPPED && System.getProperty("promqltest.skips") != null);
                    if (show && (name.contains(System.getProperty("promqltest.failures")))) {
                        report.append("    " + o.status() + " ").append(o.name()).append("\n      ").append(o.detail()).append('\n');
                    }
                }
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (TestScript.Outcome o : outcomes) {
                tests.add(DynamicTest.dynamicTest(o.name(), () -> {
                    switch (o.status()) {
                        case PASSED -> {
                        }
                        case SKIPPED -> Assumptions.abort(o.detail());
                        case FAILED -> {
                            if (reportOnly) {
                                Assumptions.abort("report-only: " + o.detail());
                            }
                            fail(o.detail());
                        }
                    }
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(name, tests));
        }
        System.out.println(report);
        return nodes.stream();
    }
}
