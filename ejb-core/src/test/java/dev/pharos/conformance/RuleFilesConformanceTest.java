package dev.pharos.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pharos.relabel.NameValidation;
import dev.pharos.rules.GroupSpec;
import dev.pharos.rules.RuleFileException;
import dev.pharos.rules.RuleFileParser;
import dev.pharos.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code shared/conformance/rule-files}: {@code *.bad.yaml} must be refused with
 * the reason Prometheus's rulefmt gives (naming group and rule where it applies), every other
 * file accepted. Files named {@code legacy_validation*} are checked with the legacy name
 * validation scheme (that is what their names say; Prometheus 3 defaults to UTF-8). A file
 * missing from the table fails the suite.
 */
class RuleFilesConformanceTest {

    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();
    private static final List<String> RESULTS = new ArrayList<>();

    static {
        EXPECTED.put("bad_expr.bad.yaml", "group \"yolo\", rule 1, \"yolo\": could not parse expression");
        EXPECTED.put("bad_field.bad.yaml", "field annotation not found in type rulefmt.RuleNode");
        EXPECTED.put("duplicate_grp.bad.yaml", "groupname: \"yolo\" is repeated in the same file");
        EXPECTED.put("invalid_label_name.bad.yaml", "group \"yolo\", rule 1, \"hola\": invalid label name: __name__");
        EXPECTED.put("invalid_record_name.bad.yaml",
                "group \"yolo\", rule 1, \"strawberry{flavor=\\\"sweet\\\"}\": invalid recording rule name");
        EXPECTED.put("legacy_validation_annotation.bad.yaml",
                "group \"yolo\", rule 1, \"hola\": invalid annotation name: ins-tance");
        EXPECTED.put("no_rec_alert.bad.yaml", "group \"yolo\", rule 1, \"\": one of 'record' or 'alert' must be set");
        EXPECTED.put("noexpr.bad.yaml", "group \"yolo\", rule 1, \"ylo\": field 'expr' must be set in rule");
        EXPECTED.put("record_and_alert.bad.yaml", "group \"yolo\", rule 1, \"Hello\": only one of 'record' and 'alert' must be set");
        EXPECTED.put("record_and_for.bad.yaml", "group \"yolo\", rule 1, \"Hello\": invalid field 'for' in recording rule");
        EXPECTED.put("record_and_keep_firing_for.bad.yaml",
                "group \"yolo\", rule 1, \"Hello\": invalid field 'keep_firing_for' in recording rule");
        EXPECTED.put("legacy_validation_annotation.good.yaml", null);
        EXPECTED.put("test.yaml", null);
        EXPECTED.put("test_aliases.yaml", null);
        EXPECTED.put("utf-8_annotation.good.yaml", null);
        EXPECTED.put("utf-8_lname.good.yaml", null);
    }

    @TestFactory
    Stream<DynamicTest> ruleFiles() throws IOException {
        Path dir = SharedData.conformance("rule-files");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path f) {
        String name = f.getFileName().toString();
        if (!EXPECTED.containsKey(name)) {
            RESULTS.add(name + ": FAILED (not in the expectation table)");
            fail("rule file " + name + " has no expectation");
        }
        String want = EXPECTED.get(name);
        NameValidation scheme = name.startsWith("legacy_validation") ? NameValidation.LEGACY : NameValidation.UTF8;
        try {
            List<GroupSpec> groups = RuleFileParser.parse(f, scheme);
            if (want != null) {
                RESULTS.add(name + ": FAILED (accepted)");
                fail(name + " accepted, expected: " + want);
            }
            assertTrue(!groups.isEmpty());
            RESULTS.add(name + ": passed (accepted, " + groups.size() + " groups)");
        } catch (RuleFileException e) {
            if (want == null) {
                RESULTS.add(name + ": FAILED (" + e.getMessage() + ")");
                fail(name + " refused: " + e.getMessage());
            }
            if (!e.getMessage().contains(want)) {
                RESULTS.add(name + ": FAILED (" + e.getMessage() + ")");
                fail(name + ": expected \"" + want + "\" in: " + e.getMessage());
            }
            RESULTS.add(name + ": passed (refused: " + e.getMessage() + ")");
        }
    }

    @AfterAll
    static void report() {
        long passed = RESULTS.stream().filter(r -> r.contains(": passed")).count();
        System.out.println("rule-files: " + passed + " passed, " + (RESULTS.size() - passed) + " failed, 0 skipped");
        RESULTS.forEach(r -> System.out.println("  " + r));
    }
}
