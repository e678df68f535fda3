package dev.pharos.exposition;

import dev.pharos.exposition.ExpositionParser.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Renders every entry of a parse as one line, so tests can compare whole parses as tables. */
final class ParserTestSupport {

    private ParserTestSupport() {
    }

    static List<String> render(ExpositionParser p) throws ExpositionParseException {
        List<String> out = new ArrayList<>();
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            switch (e) {
                case SERIES -> {
                    StringBuilder sb = new StringBuilder();
                    sb.append(p.labels()).append(' ').append(GoFloat.format(p.value()));
                    if (p.hasTimestamp()) {
                        sb.append(" @").append(p.timestampMillis());
                    }
                    if (p.hasExemplar()) {
                        sb.append(" # ").append(p.exemplarLabels()).append(' ')
                                .append(GoFloat.format(p.exemplarValue()));
                        if (p.exemplarHasTimestamp()) {
                            sb.append(" @").append(p.exemplarTimestampMillis());
                        }
                    }
                    out.add(sb.toString());
                }
                case TYPE -> out.add("TYPE " + p.metricFamily() + " " + p.type());
                case HELP -> out.add("HELP " + p.metricFamily() + " " + p.help());
                case UNIT -> out.add("UNIT " + p.metricFamily() + " " + p.unit());
                case COMMENT -> out.add("COMMENT " + p.comment());
                default -> throw new AssertionError(e);
            }
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
