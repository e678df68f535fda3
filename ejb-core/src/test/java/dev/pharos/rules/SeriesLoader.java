package dev.pharos.rules;

import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.promql.parser.Parser;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads series given in promtool's expanding notation ({@code 0+10x5}, {@code 1x3}, {@code _},
 * {@code stale}) into a storage, one sample every interval from time 0, as
 * {@code promtool test rules} does with {@code input_series}.
 */
final class SeriesLoader {
    private static final Pattern ITEM = Pattern.compile("([-+]?[0-9.eE]+|_)(?:([-+])([0-9.eE]+))?x(\\d+)");

    private SeriesLoader() {
    }

    static void load(Storage storage, long intervalMillis, String series, String values) throws Exception {
        Labels l = Parser.parseMetric(series);
        Appender app = storage.appender();
        long t = 0;
        for (Double v : expand(values)) {
            if (v != null) {
                app.append(0, l, t, v);
            }
            t += intervalMillis;
        }
        app.commit();
    }

    /** The values of the notation; null stands for an omitted sample ("_"). */
    static List<Double> expand(String values) {
        List<Double> out = new ArrayList<>();
        for (String tok : values.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            if (tok.equals("_")) {
                out.add(null);
            } else if (tok.equals("stale")) {
                out.add(StaleNaN.VALUE);
            } else {
                Matcher m = ITEM.matcher(tok);
                if (m.matches()) {
                    int n = Integer.parseInt(m.group(4));
                    if (m.group(1).equals("_")) {
                        for (int i = 0; i < n; i++) {
                            out.add(null);
                        }
                        continue;
                    }
                    double a = Double.parseDouble(m.group(1));
                    double d = m.group(2) == null ? 0 : Double.parseDouble(m.group(3)) * (m.group(2).equals("-") ? -1 : 1);
                    for (int i = 0; i <= n; i++) {
                        out.add(a + d * i);
                    }
                } else {
                    out.add(Double.parseDouble(tok));
                }
            }
        }
        return out;
    }
}
