package dev.pharos.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pharos.model.Labels;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases in the manner of Prometheus's relabel_test.go and the configuration docs. */
class RelabelerTest {

    private static RelabelConfig.Builder rule() {
        return RelabelConfig.builder();
    }

    static Stream<Arguments> cases() {
        Labels abc = Labels.of("a", "foo", "b", "bar", "c", "baz");
        return Stream.of(
                Arguments.of("replace with group", Labels.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("f(.*)").targetLabel("d")
                                .replacement("ch${1}-ch${1}").build()),
                        Labels.of("a", "foo", "d", "choo-choo")),
                Arguments.of("replace joined sources", abc,
                        List.of(rule().sourceLabels("a", "b").regex("f(.*);(.*)r").targetLabel("a")
                                .replacement("b${1}${2}m").build()),
                        Labels.of("a", "boobam", "b", "bar", "c", "baz")),
                Arguments.of("replace no match leaves labels", Labels.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("f").targetLabel("d").build()),
                        Labels.of("a", "foo")),
                Arguments.of("regex is anchored", Labels.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("o+").targetLabel("d").build()),
                        Labels.of("a", "foo")),
                Arguments.of("empty replacement deletes", Labels.of("a", "foo", "d", "x"),
                        List.of(rule().sourceLabels("a").regex("foo").targetLabel("d").replacement("").build()),
                        Labels.of("a", "foo")),
                Arguments.of("target label from template", Labels.of("a", "some-name-value"),
                        List.of(rule().sourceLabels("a").regex("some-([^-]+)-([^,]+)")
                                .targetLabel("${1}").replacement("${2}").build()),
                        Labels.of("a", "some-name-value", "name", "value")),
                Arguments.of("named groups and $$", Labels.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("(?P<first>f)(?P<rest>.*)")
                                .targetLabel("d").replacement("$rest$$${first}").build()),
                        Labels.of("a", "foo", "d", "oo$f")),
                Arguments.of("$1x is an unknown group", Labels.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("(f)oo").targetLabel("d")
                                .replacement("$1x-${1}x").build()),
                        Labels.of("a", "foo", "d", "-fx")),
                Arguments.of("missing source is empty", Labels.of("a", "foo"),
                        List.of(rule().sourceLabels("missing").regex("").targetLabel("d")
                                .replacement("static").build()),
                        Labels.of("a", "foo", "d", "static")),
                Arguments.of("keep match", abc,
                        List.of(rule().sourceLabels("c").regex("baz").action(RelabelAction.KEEP).build()), abc),
                Arguments.of("keep no match drops", abc,
                        List.of(rule().sourceLabels("c").regex("ba").action(RelabelAction.KEEP).build()), null),
                Arguments.of("drop match drops", abc,
                        List.of(rule().sourceLabels("a").regex("f.*").action(RelabelAction.DROP).build()), null),
                Arguments.of("drop no match keeps", abc,
                        List.of(rule().sourceLabels("a").regex("f").action(RelabelAction.DROP).build()), abc),
                Arguments.of("keepequal equal", Labels.of("a", "x", "b", "x"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action(RelabelAction.KEEPEQUAL).build()),
                        Labels.of("a", "x", "b", "x")),
                Arguments.of("keepequal differs", Labels.of("a", "x", "b", "y"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action(RelabelAction.KEEPEQUAL).build()),
                        null),
                Arguments.of("dropequal equal", Labels.of("a", "x", "b", "x"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action(RelabelAction.DROPEQUAL).build()),
                        null),
                Arguments.of("hashmod (md5, last 8 bytes)", abc,
                        List.of(rule().sourceLabels("c").targetLabel("d").modulus(1000)
                                .action(RelabelAction.HASHMOD).build()),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "976")),
                Arguments.of("hashmod newline value", Labels.of("a", "foo\nbar"),
                        List.of(rule().sourceLabels("a").targetLabel("b").modulus(1000)
                                .action(RelabelAction.HASHMOD).build()),
                        Labels.of("a", "foo\nbar", "b", "734")),
                Arguments.of("labelmap", Labels.of("__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "a", "x"),
                        List.of(rule().regex("__meta_(my.*)").replacement("${1}").action(RelabelAction.LABELMAP).build()),
                        Labels.of("__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "a", "x",
                                "my_bar", "aaa", "my_baz", "bbb")),
                Arguments.of("labeldrop", abc,
                        List.of(rule().regex("a|b").action(RelabelAction.LABELDROP).build()),
                        Labels.of("c", "baz")),
                Arguments.of("labelkeep", abc,
                        List.of(rule().regex("a|b").action(RelabelAction.LABELKEEP).build()),
                        Labels.of("a", "foo", "b", "bar")),
                Arguments.of("lowercase", Labels.of("a", "AbCd"),
                        List.of(rule().sourceLabels("a").targetLabel("b").action(RelabelAction.LOWERCASE).build()),
                        Labels.of("a", "AbCd", "b", "abcd")),
                Arguments.of("uppercase keeps sharp s", Labels.of("a", "straße"),
                        List.of(rule().sourceLabels("a").targetLabel("a").action(RelabelAction.UPPERCASE).build()),
                        Labels.of("a", "STRAßE")),
                Arguments.of("rules chain", Labels.of("__address__", "host:80"),
                        List.of(rule().sourceLabels("__address__").regex("(.*):80").targetLabel("host").build(),
                                rule().sourceLabels("host").regex("host").action(RelabelAction.KEEP).build()),
                        Labels.of("__address__", "host:80", "host", "host")),
                Arguments.of("invalid computed target skipped", Labels.of("a", "foo"),
                        List.of(rule().sourceLabels("a").regex("(.*)").targetLabel("${2}").build()),
                        Labels.of("a", "foo")),
                Arguments.of("legacy scheme rejects computed UTF-8 name", Labels.of("a", "foo.bar"),
                        List.of(rule().sourceLabels("a").regex("(.*)").targetLabel("${1}")
                                .nameValidation(NameValidation.LEGACY).build()),
                        Labels.of("a", "foo.bar")),
                Arguments.of("utf8 scheme accepts computed UTF-8 name", Labels.of("a", "foo.bar"),
                        List.of(rule().sourceLabels("a").regex("(.*)").targetLabel("${1}").replacement("v").build()),
                        Labels.of("a", "foo.bar", "foo.bar", "v")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void process(String name, Labels in, List<RelabelConfig> rules, Labels expected) {
        Labels out = Relabeler.process(in, rules);
        if (expected == null) {
            assertNull(out, "expected the labels to be dropped");
        } else {
            assertEquals(expected, out);
        }
    }
}
