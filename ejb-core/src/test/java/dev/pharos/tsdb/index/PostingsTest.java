package dev.pharos.tsdb.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostingsTest {

    @Test
    void setOperations() {
        int[] a = {1, 3, 5, 7, 9, 11};
        int[] b = {3, 4, 5, 11, 12};
        assertArrayEquals(new int[] {3, 5, 11}, Postings.intersect(a, b));
        assertArrayEquals(new int[] {1, 7, 9}, Postings.subtract(a, b));
        assertArrayEquals(new int[] {1, 3, 4, 5, 7, 9, 11, 12}, Postings.union(List.of(a, b)));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 7, 9, 11, 12},
                Postings.union(List.of(a, b, new int[] {2, 3})));
        assertArrayEquals(new int[0], Postings.intersect(a, new int[0]));
        int[] big = new int[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 2;
        }
        assertArrayEquals(new int[] {0, 5000, 19998}, Postings.intersect(new int[] {0, 1, 5000, 19998, 20001}, big));
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("a|b|c", RegexShape.Kind.SET, List.of("a", "b", "c"), ""),
                Arguments.of("foo", RegexShape.Kind.SET, List.of("foo"), ""),
                Arguments.of("foo\\.bar|x", RegexShape.Kind.SET, List.of("foo.bar", "x"), ""),
                Arguments.of("foo.*", RegexShape.Kind.PREFIX, List.of(), "foo"),
                Arguments.of(".*", RegexShape.Kind.ANY, List.of(), ""),
                Arguments.of(".+", RegexShape.Kind.NON_EMPTY, List.of(), ""),
                Arguments.of("fo+", RegexShape.Kind.GENERAL, List.of(), ""),
                Arguments.of("a\\d", RegexShape.Kind.GENERAL, List.of(), ""),
                Arguments.of("(a|b)", RegexShape.Kind.GENERAL, List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void regexShapes(String re, RegexShape.Kind kind, List<String> lits, String prefix) {
        RegexShape s = RegexShape.of(re);
        assertEquals(kind, s.kind());
        assertEquals(lits, s.literals());
        assertEquals(prefix, s.prefix());
    }

    static final List<Labels> SERIES = List.of(
            Labels.of("__name__", "up", "job", "api", "instance", "a:1"),
            Labels.of("__name__", "up", "job", "web", "instance", "b:1"),
            Labels.of("__name__", "up", "job", "db", "instance", "c:1", "env", "prod"),
            Labels.of("__name__", "http_requests", "job", "api", "code", "200"),
            Labels.of("__name__", "http_requests", "job", "api", "code", "500"),
            Labels.of("__name__", "foo_bar", "job", "foobar"),
            Labels.of("__name__", "foo", "job", ""));

    static Stream<Arguments> matchers() {
        return Stream.of(
                Arguments.of((Object) new LabelMatcher[] {LabelMatcher.equal("__name__", "up")}),
                Arguments.of((Object) new LabelMatcher[] {m("job", MatchType.REGEX, "api|web")}),
                Arguments.of((Object) new LabelMatcher[] {m("__name__", MatchType.REGEX, "foo.*")}),
                Arguments.of((Object) new LabelMatcher[] {m("__name__", MatchType.REGEX, "fo+.*")}),
                Arguments.of((Object) new LabelMatcher[] {LabelMatcher.equal("__name__", "up"), m("env", MatchType.NOT_EQUAL, "prod")}),
                Arguments.of((Object) new LabelMatcher[] {LabelMatcher.equal("__name__", "up"), m("env", MatchType.EQUAL, "")}),
                Arguments.of((Object) new LabelMatcher[] {m("job", MatchType.REGEX, ".+"), m("job", MatchType.NOT_REGEX, "api|db")}),
                Arguments.of((Object) new LabelMatcher[] {m("job", MatchType.REGEX, ".*"), m("code", MatchType.NOT_REGEX, "5.*")}),
                Arguments.of((Object) new LabelMatcher[] {m("__name__", MatchType.REGEX, "up|http_requests"), m("code", MatchType.REGEX, "2..|")}),
                Arguments.of((Object) new LabelMatcher[] {m("job", MatchType.NOT_REGEX, ".*")}),
                Arguments.of((Object) new LabelMatcher[] {m("instance", MatchType.REGEX, "a:1|zz"), m("job", MatchType.NOT_EQUAL, "web")}));
    }

    static LabelMatcher m(String n, MatchType t, String v) {
        return new LabelMatcher(t, n, v);
    }

    @ParameterizedTest
    @MethodSource("matchers")
    void postingsQueryAgreesWithBruteForce(LabelMatcher[] ms) {
        MemPostings mp = new MemPostings();
        for (int i = 0; i < SERIES.size(); i++) {
            Labels l = SERIES.get(i);
            String[] p = new String[l.size() * 2];
            for (int k = 0; k < l.size(); k++) {
                p[2 * k] = l.name(k);
                p[2 * k + 1] = l.value(k);
            }
            mp.add(i + 1, p);
        }
        List<Integer> want = new ArrayList<>();
        outer:
        for (int i = 0; i < SERIES.size(); i++) {
            for (LabelMatcher m : ms) {
                if (!m.matches(SERIES.get(i))) {
                    continue outer;
                }
            }
            want.add(i + 1);
        }
        int[] got = PostingsQuery.select(mp, ms);
        assertEquals(want, java.util.Arrays.stream(got).boxed().toList());
    }
}
