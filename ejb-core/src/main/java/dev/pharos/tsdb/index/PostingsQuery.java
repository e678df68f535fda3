package dev.pharos.tsdb.index;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.MatchType;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates label matchers against a {@link LabelIndex}, as Prometheus does: a matcher that does
 * not match the empty string intersects with the union of postings of the values it matches; one
 * that matches the empty string (so also series without the label) subtracts the postings of the
 * values it rejects. Equality, literal sets ({@code a|b|c}) and literal prefixes ({@code foo.*})
 * are answered by lookups and range scans instead of running the regex on every value.
 */
public final class PostingsQuery {

    private PostingsQuery() {
    }

    public static int[] select(LabelIndex idx, LabelMatcher... matchers) {
        int[] result = null;
        List<int[]> subtract = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            if (m.matchesEmpty()) {
                int[] rejected = rejectedValuesPostings(idx, m);
                if (rejected.length > 0) {
                    subtract.add(rejected);
                }
            } else {
                int[] p = matchedValuesPostings(idx, m);
                result = result == null ? p : Postings.intersect(result, p);
                if (result.length == 0) {
                    return result;
                }
            }
        }
        if (result == null) {
            result = idx.allPostings();
        }
        for (int[] s : subtract) {
            result = Postings.subtract(result, s);
        }
        return result;
    }

    /** Union of postings of values the (non-empty-matching) matcher accepts. */
    static int[] matchedValuesPostings(LabelIndex idx, LabelMatcher m) {
        String name = m.name();
        switch (m.type()) {
            case EQUAL:
                return idx.postings(name, m.value());
            case REGEX: {
                RegexShape shape = RegexShape.of(m.value());
                switch (shape.kind()) {
                    case SET: {
                        List<int[]> ls = new ArrayList<>();
                        for (String lit : shape.literals()) {
                            if (!lit.isEmpty()) {
                                ls.add(idx.postings(name, lit));
                            }
                        }
                        return Postings.union(ls);
                    }
                    case PREFIX:
                        return unionOf(idx, name, idx.valuesWithPrefix(name, shape.prefix()), m, false);
                    case NON_EMPTY:
                        return unionOf(idx, name, idx.values(name), m, false);
                    default:
                        return unionOf(idx, name, idx.values(name), m, true);
                }
            }
            default:
                // != and !~ that do not match "" (e.g. !~".*"): test every value.
                return unionOf(idx, name, idx.values(name), m, true);
        }
    }

    /** Union of postings of values the (empty-matching) matcher rejects. */
    static int[] rejectedValuesPostings(LabelIndex idx, LabelMatcher m) {
        String name = m.name();
        if (m.type() == MatchType.NOT_EQUAL) {
            return idx.postings(name, m.value());
        }
        if (m.type() == MatchType.NOT_REGEX) {
            RegexShape shape = RegexShape.of(m.value());
            if (shape.kind() == RegexShape.Kind.SET) {
                List<int[]> ls = new ArrayList<>();
                for (String lit : shape.literals()) {
                    if (!lit.isEmpty()) {
                        ls.add(idx.postings(name, lit));
                    }
                }
                return Postings.union(ls);
            }
            if (shape.kind() == RegexShape.Kind.PREFIX) {
                return unionOf(idx, name, idx.valuesWithPrefix(name, shape.prefix()), m, false);
            }
        }
        if (m.type() == MatchType.REGEX && RegexShape.of(m.value()).kind() == RegexShape.Kind.ANY) {
            return Postings.EMPTY;
        }
        List<int[]> ls = new ArrayList<>();
        for (String v : idx.values(name)) {
            if (!m.matches(v)) {
                ls.add(idx.postings(name, v));
            }
        }
        return Postings.union(ls);
    }

    private static int[] unionOf(LabelIndex idx, String name, List<String> values, LabelMatcher m, boolean test) {
        List<int[]> ls = new ArrayList<>();
        for (String v : values) {
            if (!test || m.matches(v)) {
                ls.add(idx.postings(name, v));
            }
        }
        return Postings.union(ls);
    }
}
