package dev.pharos.web.api;

import dev.pharos.model.LabelMatcher;
import dev.pharos.promql.parser.Parser;
import java.util.ArrayList;
import java.util.List;

/** The {@code match[]} parameters of the metadata APIs, parsed as series selectors. */
final class Selectors {

    private Selectors() {
    }

    static List<LabelMatcher[]> parse(List<String> matches) throws ApiParams.BadParameter {
        List<LabelMatcher[]> out = new ArrayList<>(matches.size());
        for (String m : matches) {
            List<LabelMatcher> ms;
            try {
                ms = Parser.parseSelector(m).matchers;
            } catch (RuntimeException e) {
                throw new ApiParams.BadParameter("match[]", e.getMessage());
            }
            boolean nonEmpty = ms.stream().anyMatch(x -> !x.matchesEmpty());
            if (!nonEmpty) {
                throw new ApiParams.BadParameter("match[]", "1:1: parse error: vector selector must contain at least one non-empty matcher");
            }
            out.add(ms.toArray(new LabelMatcher[0]));
        }
        return out;
    }
}
