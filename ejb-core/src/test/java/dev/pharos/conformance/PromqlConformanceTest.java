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
 * dynamic test per eval, and prints per-file counts.
 *
 * <p>Evals that need native histograms are skipped (the engine stores floats only); the
 * runner names each with its reason. The files in {@link #REPORT_ONLY} exercise experimental
 * Prometheus features (duration expressions, fill modifiers, extended range selectors,
 * info(), start timestamps, type-and-unit labels) or native histograms throughout: they run and
 * report counts, but their failures do not fail the build.
 */
class PromqlConformanceTest {

    static final Set<String> REPORT_ONLY = Set.of(
            "native_histograms.test", // native histograms throughout
            "duration_expression.test", // experimental duration expressions
            "extended_vectors.test", // experimental anchored/smoothed range selectors
            "fill-modifier.test", // experimental fill() binary-operator modifiers
            "info.test", // experimental info() function
            "start_timestamps.test", // experimental start-timestamp handling
            "type_and_unit.test"); // experimental __type__/__unit__ labels

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
