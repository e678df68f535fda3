package dev.pharos.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.dispatch.Route;
import dev.pharos.alertmanager.dispatch.RouteTreePrinter;
import dev.pharos.model.Labels;
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
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the amtool routing goldens ({@code shared/conformance/alertmanager-routing}, format in
 * its FORMAT.md): for each config, the route tree text must equal {@code amtool config routes
 * show} byte for byte, and every label set must route to exactly the receivers amtool printed.
 */
class AlertmanagerRoutingConformanceTest {

    private static final Map<String, int[]> COUNTS = new TreeMap<>();

    @TestFactory
    Stream<DynamicNode> corpus() throws IOException {
        Path dir = SharedData.conformance("alertmanager-routing");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path f : files) {
            nodes.add(container(dir, f));
        }
        return nodes.stream();
    }

    @SuppressWarnings("unchecked")
    private static DynamicContainer container(Path dir, Path json) throws IOException {
        Map<String, Object> spec = (Map<String, Object>) Json.parse(Files.readString(json));
        String name = json.getFileName().toString();
        int[] count = COUNTS.computeIfAbsent(name, k -> new int[2]);
        AlertmanagerConfig cfg = ConfigLoader.loadFile(dir.resolve((String) spec.get("config_file")));
        Route tree = Route.tree(cfg.route());
        List<DynamicNode> tests = new ArrayList<>();
        String expectedTree = Files.readString(dir.resolve((String) spec.get("routes_show_file")));
        tests.add(DynamicTest.dynamicTest("routes show", () -> counted(count,
                () -> assertEquals(expectedTree, RouteTreePrinter.print(tree)))));
        List<Map<String, Object>> cases = (List<Map<String, Object>>) spec.get("cases");
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> c = cases.get(i);
            Map<String, String> labels = (Map<String, String>) c.get("labels");
            List<String> expected = (List<String>) c.get("receivers");
            tests.add(DynamicTest.dynamicTest("case " + i + " " + labels, () -> counted(count,
                    () -> assertEquals(expected, tree.matchReceivers(Labels.fromMap(labels)), "labels " + labels))));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private static void counted(int[] count, Runnable check) {
        try {
            check.run();
            count[0]++;
        } catch (AssertionError e) {
            count[1]++;
            throw e;
        }
    }

    @AfterAll
    static void report() {
        int passed = 0;
        int failed = 0;
        for (Map.Entry<String, int[]> e : COUNTS.entrySet()) {
            System.out.println("  " + e.getKey() + ": " + e.getValue()[0] + " passed, " + e.getValue()[1] + " failed");
            passed += e.getValue()[0];
            failed += e.getValue()[1];
        }
        System.out.println("alertmanager-routing conformance: " + passed + " passed, " + failed + " failed, 0 skipped");
    }
}
