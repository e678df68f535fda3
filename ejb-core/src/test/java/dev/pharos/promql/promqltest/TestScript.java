package dev.pharos.promql.promqltest;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.StaleNaN;
import dev.pharos.promql.Matrix;
import dev.pharos.promql.QueryEngine;
import dev.pharos.promql.QueryException;
import dev.pharos.promql.QueryResult;
import dev.pharos.promql.Sample;
import dev.pharos.promql.Scalar;
import dev.pharos.promql.SeriesData;
import dev.pharos.promql.StringValue;
import dev.pharos.promql.Value;
import dev.pharos.promql.Vector;
import dev.pharos.promql.ast.AggregateExpr;
import dev.pharos.promql.ast.BinaryExpr;
import dev.pharos.promql.ast.Call;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.MatrixSelector;
import dev.pharos.promql.ast.ParenExpr;
import dev.pharos.promql.ast.SubqueryExpr;
import dev.pharos.promql.ast.UnaryExpr;
import dev.pharos.promql.ast.VectorSelector;
import dev.pharos.promql.parser.Parser;
import dev.pharos.tsdb.Appender;
import dev.pharos.tsdb.MemoryStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interpreter for Prometheus's PromQL test-script format (load / clear / eval with expect
 * lines). Runs a whole script against a fresh {@link MemoryStorage} and records the outcome
 * of every eval. Evals that need native histograms are recorded as skipped with a reason.
 */
public final class TestScript {

    public enum Status { PASSED, FAILED, SKIPPED }

    /** The outcome of one eval command. */
    public record Outcome(int line, String command, Status status, String detail) {
        public String name() {
            return "line " + line + ": " + command;
        }
    }

    private static final double EPSILON = 0.000001;

    private final String fileName;
    private final List<String> lines;
    private MemoryStorage storage = new MemoryStorage();
    private QueryEngine engine = new QueryEngine(storage);
    private final List<Labels> histogramSeries = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();

    public TestScript(String fileName, List<String> lines) {
        this.fileName = fileName;
        this.lines = lines;
    }

    public List<Outcome> run() {
        int i = 0;
        while (i < lines.size()) {
            String raw = lines.get(i);
            String l = raw.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                i++;
                continue;
            }
            if (l.equals("clear")) {
                storage = new MemoryStorage();
                engine = new QueryEngine(storage);
                histogramSeries.clear();
                i++;
                continue;
            }
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).trim().isEmpty() && isIndentedOrExpect(lines.get(j))) {
                j++;
            }
            List<String> body = new ArrayList<>();
            for (int k = i + 1; k < j; k++) {
                String b = lines.get(k).trim();
                if (!b.startsWith("#")) {
                    body.add(b);
                }
            }
            if (l.startsWith("load")) {
                try {
                    load(l, body, i + 1);
                } catch (RuntimeException e) {
                    outcomes.add(new Outcome(i + 1, l, Status.FAILED, "load failed: " + e.getMessage()));
                }
            } else if (l.startsWith("eval")) {
                outcomes.add(eval(l, body, i + 1));
            } else {
                throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": unknown command " + l);
            }
            i = j;
        }
        return outcomes;
    }

    private static boolean isIndentedOrExpect(String line) {
        if (line.startsWith(" ") || line.startsWith("\t")) {
            return true;
        }
        String t = line.trim();
        // Some scripts put expectations and series flush left; commands never look like these.
        return !(t.startsWith("load") || t.startsWith("eval") || t.equals("clear"));
    }

    // ------------------------------------------------------------------ load

    private void load(String cmd, List<String> body, int lineNo) {
        String[] parts = cmd.split("\\s+");
        boolean nhcb = parts[0].equals("load_with_nhcb");
        long interval = parseDuration(parts[1]);
        Appender app = storage.appender();
        // A later line for the same series and time overrides an earlier one, as in Prometheus.
        Map<Labels, java.util.TreeMap<Long, Double>> data = new LinkedHashMap<>();
        for (String def : body) {
            String[] mv = splitMetric(def);
            Labels metric = Parser.parseMetric(mv[0]);
            List<Object> vals = parseValues(mv[1]);
            boolean hist = false;
            for (int k = 0; k < vals.size(); k++) {
                Object o = vals.get(k);
                if (o instanceof Double d) {
                    data.computeIfAbsent(metric, x -> new java.util.TreeMap<>()).put(k * interval, d);
                } else if (o == HISTOGRAM) {
                    hist = true;
                }
            }
            if (hist) {
                histogramSeries.add(metric);
            }
            if (nhcb) {
                String name = metric.metricName();
                if (name != null && name.endsWith("_bucket") && metric.has("le")) {
                    Labels.Builder b = metric.toBuilder().remove("le");
                    b.set(Labels.METRIC_NAME, name.substring(0, name.length() - "_bucket".length()));
                    histogramSeries.add(b.build());
                }
            }
        }
        for (Map.Entry<Labels, java.util.TreeMap<Long, Double>> e : data.entrySet()) {
            for (Map.Entry<Long, Double> p : e.getValue().entrySet()) {
                try {
                    app.append(0, e.getKey(), p.getKey(), p.getValue());
                } catch (Exception ex) {
                    throw new IllegalStateException(fileName + ":" + lineNo + ": " + ex, ex);
                }
            }
        }
        app.commit();
    }

    /** Splits "metric{a="b c"} 1 2 3" into the metric part and the values part. */
    static String[] splitMetric(String def) {
        int i = 0;
        boolean inQuote = false;
        char q = 0;
        int depth = 0;
        for (; i < def.length(); i++) {
            char c = def.charAt(i);
            if (inQuote) {
                if (c == '\\') {
                    i++;
                } else if (c == q) {
                    inQuote = false;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                inQuote = true;
                q = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    i++;
                    break;
                }
            } else if (Character.isWhitespace(c) && depth == 0) {
                break;
            }
        }
        return new String[] {def.substring(0, i).trim(), def.substring(i).trim()};
    }

    private static final Object OMITTED = new Object();
    private static final Object HISTOGRAM = new Object();
    private static final String NUM = "(?:[-+]?(?:[Ii]nf|NaN|nan|0x[0-9a-fA-F]+|\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?))";
    private static final Pattern SERIES_ITEM = Pattern.compile("(" + NUM + ")(?:([-+])(" + NUM.replace("[-+]?", "") + "))?x(\\d+)");

    /** Expanding notation: values, "_", "stale", "a+bxn", "axn", "_xn"; histograms become HISTOGRAM markers. */
    static List<Object> parseValues(String s) {
        List<Object> out = new ArrayList<>();
        List<String> toks = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int st = i;
            if (s.startsWith("{{", i)) {
                int depth = 0;
                while (i < s.length()) {
                    if (s.startsWith("{{", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("}}", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0 && (i >= s.length() || Character.isWhitespace(s.charAt(i)))) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
            } else {
                while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
            toks.add(s.substring(st, i));
        }
        for (String t : toks) {
            if (t.startsWith("{{")) {
                Matcher m = Pattern.compile(".*x(\\d+)$").matcher(t);
                int n = m.matches() && !t.endsWith("}}") ? Integer.parseInt(m.group(1)) + 1 : 1;
                for (int k = 0; k < n; k++) {
                    out.add(HISTOGRAM);
                }
                continue;
            }
            if (t.equals("_")) {
                out.add(OMITTED);
                continue;
            }
            if (t.startsWith("_x")) {
                int n = Integer.parseInt(t.substring(2));
                for (int k = 0; k < n; k++) {
                    out.add(OMITTED);
                }
                continue;
            }
            if (t.equals("stale")) {
                out.add(StaleNaN.VALUE);
                continue;
            }
            Matcher m = SERIES_ITEM.matcher(t);
            if (m.matches()) {
                double a = num(m.group(1));
                int n = Integer.parseInt(m.group(4));
                double d = 0;
                if (m.group(2) != null) {
                    d = num(m.group(3));
                    if (m.group(2).equals("-")) {
                        d = -d;
                    }
                }
                out.add(a);
                for (int k = 1; k <= n; k++) {
                    a += d;
                    out.add(a);
                }
                continue;
            }
            out.add(num(t));
        }
        return out;
    }

    static double num(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        boolean neg = t.startsWith("-");
        String b = neg ? t.substring(1) : t;
        double v;
        if (b.equalsIgnoreCase("inf")) {
            v = Double.POSITIVE_INFINITY;
        } else if (b.equalsIgnoreCase("nan")) {
            v = Double.NaN;
        } else if (b.startsWith("0x")) {
            v = Long.parseLong(b.substring(2), 16);
        } else {
            v = Double.parseDouble(b);
        }
        return neg ? -v : v;
    }

    static long parseDuration(String s) {
        boolean neg = s.startsWith("-");
        if (neg) {
            s = s.substring(1);
        }
        long ms;
        if (s.matches("\\d+(\\.\\d+)?")) {
            ms = Math.round(Double.parseDouble(s) * 1000);
        } else {
            Matcher m = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)").matcher(s);
            ms = 0;
            int pos = 0;
            while (m.find()) {
                if (m.start() != pos) {
                    throw new IllegalArgumentException("bad duration " + s);
                }
                pos = m.end();
                long n = Long.parseLong(m.group(1));
                ms += n * switch (m.group(2)) {
                    case "ms" -> 1L;
                    case "s" -> 1000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    case "d" -> 86_400_000L;
                    case "w" -> 7 * 86_400_000L;
                    default -> 365 * 86_400_000L;
                };
            }
            if (pos != s.length()) {
                throw new IllegalArgumentException("bad duration " + s);
            }
        }
        return neg ? -ms : ms;
    }

    // ------------------------------------------------------------------ eval

    private static final Pattern INSTANT = Pattern.compile("^(eval(?:_fail|_warn|_info|_ordered)?)\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
    private static final Pattern RANGE = Pattern.compile(
            "^(eval(?:_fail|_warn|_info|_ordered)?)\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");

    private record Expect(String type, String matchType, String text) {
    }

    /** Why the current eval needs native histograms, or null. */
    private String histogramReason;

    private Outcome eval(String cmd, List<String> body, int lineNo) {
        histogramReason = null;
        try {
            return doEval(cmd, body, lineNo);
        } catch (AssertionError | RuntimeException e) {
            if (histogramReason != null) {
                // Evals touching histogram data still run; only those the float-only storage
                // cannot satisfy count as skipped.
                return new Outcome(lineNo, cmd, Status.SKIPPED, histogramReason + "; float-only result: " + e.getMessage());
            }
            return new Outcome(lineNo, cmd, Status.FAILED, String.valueOf(e.getMessage()));
        }
    }

    private Outcome doEval(String cmd, List<String> body, int lineNo) {
        Matcher mi = INSTANT.matcher(cmd);
        Matcher mr = RANGE.matcher(cmd);
        String variant;
        String query;
        boolean range;
        long start;
        long end = 0;
        long step = 0;
        if (mi.matches()) {
            variant = mi.group(1);
            start = parseDuration(mi.group(2));
            query = mi.group(3);
            range = false;
        } else if (mr.matches()) {
            variant = mr.group(1);
            start = parseDuration(mr.group(2));
            end = parseDuration(mr.group(3));
            step = parseDuration(mr.group(4));
            query = mr.group(5);
            range = true;
        } else {
            throw new IllegalArgumentException("cannot parse eval command: " + cmd);
        }
        List<Expect> expects = new ArrayList<>();
        switch (variant) {
            case "eval_fail" -> expects.add(new Expect("fail", null, null));
            case "eval_warn" -> expects.add(new Expect("warn", null, null));
            case "eval_info" -> expects.add(new Expect("info", null, null));
            case "eval_ordered" -> expects.add(new Expect("ordered", null, null));
            default -> {
            }
        }
        String expectString = null;
        long[] rangeVector = null;
        Map<Labels, List<Object>> expected = new LinkedHashMap<>();
        Map<Labels, Integer> expectedPos = new HashMap<>();
        Double expectedScalar = null;
        boolean hasHistogramExpectation = false;
        for (String b : body) {
            if (b.startsWith("expect ")) {
                String rest = b.substring(7).trim();
                if (rest.startsWith("string")) {
                    String s = rest.substring(6).trim();
                    expectString = s.substring(1, s.length() - 1);
                    if (s.startsWith("\"")) {
                        expectString = ((dev.pharos.promql.ast.StringLiteral) Parser.parse(s)).value;
                    }
                    continue;
                }
                if (rest.startsWith("range vector")) {
                    Matcher m = Pattern.compile("range vector from (\\S+) to (\\S+) step (\\S+)").matcher(rest);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("bad expect range vector: " + b);
                    }
                    rangeVector = new long[] {parseDuration(m.group(1)), parseDuration(m.group(2)), parseDuration(m.group(3))};
                    continue;
                }
                Matcher m = Pattern.compile("^(\\w+)(?:\\s+(msg|regex)\\s*:\\s?(.*))?$").matcher(rest);
                if (!m.matches()) {
                    throw new IllegalArgumentException("bad expect line: " + b);
                }
                expects.add(new Expect(m.group(1), m.group(2), m.group(3) == null ? null : m.group(3).trim()));
                continue;
            }
            if (b.startsWith("expected_fail_message")) {
                expects.removeIf(x -> x.type.equals("fail"));
                expects.add(new Expect("fail", "msg", b.substring("expected_fail_message".length()).trim()));
                continue;
            }
            if (b.startsWith("expected_fail_regexp")) {
                expects.removeIf(x -> x.type.equals("fail"));
                expects.add(new Expect("fail", "regex", b.substring("expected_fail_regexp".length()).trim()));
                continue;
            }
            if (b.contains("{{")) {
                hasHistogramExpectation = true;
            }
            String first = b.split("\\s+")[0];
            if (isNumber(first) && b.split("\\s+").length == 1) {
                expectedScalar = num(first);
                continue;
            }
            String[] mv = splitMetric(b);
            Labels metric = Parser.parseMetric(mv[0]);
            expected.put(metric, parseValues(mv[1]));
            expectedPos.put(metric, expectedPos.size() + 1);
        }
        histogramReason = histogramSkipReason(query, hasHistogramExpectation);
        if (hasHistogramExpectation) {
            return new Outcome(lineNo, cmd, Status.SKIPPED, histogramReason);
        }
        boolean expectFail = expects.stream().anyMatch(x -> x.type.equals("fail"));
        boolean ordered = expects.stream().anyMatch(x -> x.type.equals("ordered"));
        QueryResult res;
        try {
            res = range ? engine.rangeQuery(query, start, end, step) : engine.instantQuery(query, start);
        } catch (QueryException e) {
            if (!expectFail) {
                throw new AssertionError("unexpected error: " + e.getMessage());
            }
            for (Expect x : expects) {
                if (x.type.equals("fail") && x.matchType != null) {
                    String msg = e.getMessage();
                    String want = unquoteIfQuoted(x.text);
                    boolean ok = x.matchType.equals("msg") ? msg.equals(want) : Pattern.compile(want).matcher(msg).find();
                    if (!ok) {
                        throw new AssertionError("expected error " + x.matchType + " \"" + want + "\" but got \"" + msg + "\"");
                    }
                }
            }
            return new Outcome(lineNo, cmd, Status.PASSED, "");
        }
        if (expectFail) {
            throw new AssertionError("expected error but query succeeded: " + describe(res.value()));
        }
        checkAnnotations(expects, "warn", res.warnings());
        checkAnnotations(expects, "info", res.infos());
        compare(res.value(), expected, expectedPos, expectedScalar, expectString, ordered, range, start, end, step, rangeVector);
        // step(), range(), start() and end() depend on the query range by definition.
        boolean rangeDependent = Pattern.compile("(?i)\\b(step|range|start|end)\\(\\)").matcher(query).find();
        if (!range && !ordered && !rangeDependent && (res.value() instanceof Vector || res.value() instanceof Scalar)) {
            // As Prometheus's runner does: the same query as a range query around the instant
            // must give the same result at that step.
            QueryResult rr;
            try {
                rr = engine.rangeQuery(query, start - 60_000, start + 60_000, 60_000);
            } catch (QueryException e) {
                throw new AssertionError("range-mode re-run failed: " + e.getMessage());
            }
            List<Sample> at = new ArrayList<>();
            for (SeriesData sd : ((Matrix) rr.value()).series()) {
                for (int k = 0; k < sd.size(); k++) {
                    if (sd.timestamps()[k] == start) {
                        at.add(new Sample(sd.metric(), start, sd.values()[k]));
                    }
                }
            }
            Value asInstant = res.value() instanceof Scalar ? new Scalar(start, at.isEmpty() ? Double.NaN : at.get(0).value()) : new Vector(at);
            try {
                compare(asInstant, expected, expectedPos, expectedScalar, expectString, false, false, start, end, step, rangeVector);
            } catch (AssertionError e) {
                throw new AssertionError("range-mode re-run: " + e.getMessage());
            }
        }
        if (!range) {
            atModifierReruns(query, start, expected, expectedPos, expectedScalar, expectString, ordered, rangeVector);
        }
        return new Outcome(lineNo, cmd, Status.PASSED, "");
    }

    private static final java.util.Set<String> AT_UNSAFE = java.util.Set.of("days_in_month", "day_of_month", "day_of_week",
            "day_of_year", "hour", "minute", "month", "year", "predict_linear", "time", "timestamp", "step", "range", "start", "end");

    /**
     * As Prometheus's runner does: set {@code @ <eval time>} on every selector and subquery
     * that has none (not inside a subquery that has one), print and re-parse the expression,
     * and evaluate it at other times; the result must not change (step invariance). This also
     * exercises the AST printer.
     */
    private void atModifierReruns(String query, long t, Map<Labels, List<Object>> expected, Map<Labels, Integer> pos,
            Double expectedScalar, String expectString, boolean ordered, long[] rangeVector) {
        Expr e = Parser.parse(query);
        boolean[] unsafe = {false};
        setAt(e, t, unsafe);
        if (unsafe[0]) {
            return;
        }
        String printed = e.toString();
        long[] times = t == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * t, 0, t / 5, t, 10 * t};
        for (long et : times) {
            QueryResult r;
            try {
                r = engine.instantQuery(printed, et);
            } catch (QueryException ex) {
                throw new AssertionError("@-modifier re-run of '" + printed + "' at " + et + " failed: " + ex.getMessage());
            }
            try {
                long[] rv = rangeVector;
                compare(r.value(), expected, pos, expectedScalar, expectString, ordered, false, et, et, 0, rv);
            } catch (AssertionError ex) {
                throw new AssertionError("@-modifier re-run of '" + printed + "' at " + et + ": " + ex.getMessage());
            }
        }
    }

    private static void setAt(Expr e, long t, boolean[] unsafe) {
        if (e instanceof VectorSelector vs) {
            if (!vs.hasAt()) {
                vs.timestamp = t;
            }
        } else if (e instanceof MatrixSelector ms) {
            if (!ms.selector.hasAt()) {
                ms.selector.timestamp = t;
            }
        } else if (e instanceof SubqueryExpr sq) {
            if (!sq.hasAt()) {
                sq.timestamp = t;
            }
            markUnsafe(sq.expr, unsafe);
        } else if (e instanceof ParenExpr p) {
            setAt(p.expr, t, unsafe);
        } else if (e instanceof UnaryExpr u) {
            setAt(u.expr, t, unsafe);
        } else if (e instanceof BinaryExpr b) {
            setAt(b.lhs, t, unsafe);
            setAt(b.rhs, t, unsafe);
        } else if (e instanceof AggregateExpr a) {
            setAt(a.expr, t, unsafe);
            if (a.param != null) {
                setAt(a.param, t, unsafe);
            }
        } else if (e instanceof Call c) {
            unsafe[0] |= AT_UNSAFE.contains(c.func.name);
            for (Expr x : c.args) {
                setAt(x, t, unsafe);
            }
        }
    }

    private static void markUnsafe(Expr e, boolean[] unsafe) {
        if (e instanceof Call c) {
            unsafe[0] |= AT_UNSAFE.contains(c.func.name);
        }
        List<VectorSelector> ignored = new ArrayList<>();
        if (e instanceof ParenExpr p) {
            markUnsafe(p.expr, unsafe);
        } else if (e instanceof UnaryExpr u) {
            markUnsafe(u.expr, unsafe);
        } else if (e instanceof BinaryExpr b) {
            markUnsafe(b.lhs, unsafe);
            markUnsafe(b.rhs, unsafe);
        } else if (e instanceof AggregateExpr a) {
            markUnsafe(a.expr, unsafe);
        } else if (e instanceof Call c) {
            for (Expr x : c.args) {
                markUnsafe(x, unsafe);
            }
        } else if (e instanceof SubqueryExpr sq) {
            markUnsafe(sq.expr, unsafe);
        }
        ignored.clear();
    }

    private static String unquoteIfQuoted(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static boolean isNumber(String s) {
        try {
            num(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkAnnotations(List<Expect> expects, String type, List<String> actual) {
        List<Expect> mine = new ArrayList<>();
        boolean no = false;
        for (Expect x : expects) {
            if (x.type.equals(type)) {
                mine.add(x);
            } else if (x.type.equals("no_" + type)) {
                no = true;
            }
        }
        if (no && !actual.isEmpty()) {
            throw new AssertionError("expected no " + type + " annotations but got " + actual);
        }
        if (mine.isEmpty()) {
            return;
        }
        if (actual.isEmpty()) {
            throw new AssertionError("expected " + type + " annotations but got none");
        }
        boolean anyBare = false;
        for (Expect x : mine) {
            if (x.matchType == null) {
                anyBare = true;
                continue;
            }
            boolean found = actual.stream().anyMatch(a -> matches(x, a));
            if (!found) {
                throw new AssertionError("expected " + type + " annotation " + x.matchType + " \"" + x.text + "\" but got " + actual);
            }
        }
        if (!anyBare) {
            for (String a : actual) {
                if (mine.stream().noneMatch(x -> matches(x, a))) {
                    throw new AssertionError("unexpected " + type + " annotation \"" + a + "\"");
                }
            }
        }
    }

    private static boolean matches(Expect x, String a) {
        if (x.matchType == null) {
            return true;
        }
        return x.matchType.equals("msg") ? a.equals(x.text) : Pattern.compile(x.text).matcher(a).find();
    }

    private static boolean floatsEqual(double exp, double act) {
        if (Double.isNaN(exp) && Double.isNaN(act)) {
            return true;
        }
        if (exp == act) {
            return true;
        }
        if (Double.isNaN(exp) || Double.isNaN(act) || Double.isInfinite(exp) || Double.isInfinite(act)) {
            return false;
        }
        double absSum = Math.abs(exp) + Math.abs(act);
        double diff = Math.abs(exp - act);
        if (exp == 0 || act == 0 || absSum < Double.MIN_NORMAL) {
            return diff < EPSILON * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
    }

    private static String describe(Value v) {
        if (v instanceof Vector vec) {
            StringBuilder sb = new StringBuilder("vector[");
            for (Sample s : vec.samples()) {
                sb.append(s.metric()).append(" => ").append(s.value()).append("; ");
            }
            return sb.append(']').toString();
        }
        if (v instanceof Matrix m) {
            StringBuilder sb = new StringBuilder("matrix[");
            for (SeriesData s : m.series()) {
                sb.append(s.metric()).append(" => ");
                for (int i = 0; i < s.size(); i++) {
                    sb.append(s.values()[i]).append('@').append(s.timestamps()[i] / 1000.0).append(' ');
                }
                sb.append("; ");
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    private void compare(Value v, Map<Labels, List<Object>> expected, Map<Labels, Integer> pos, Double expectedScalar,
            String expectString, boolean ordered, boolean range, long start, long end, long step, long[] rangeVector) {
        if (expectString != null) {
            if (!(v instanceof StringValue s) || !s.value().equals(expectString)) {
                throw new AssertionError("expected string \"" + expectString + "\" but got " + describe(v));
            }
            return;
        }
        if (v instanceof Scalar s) {
            if (expectedScalar == null) {
                throw new AssertionError("expected vector or matrix result, but got scalar " + s.value());
            }
            if (!floatsEqual(expectedScalar, s.value())) {
                throw new AssertionError("expected scalar " + expectedScalar + " but got " + s.value());
            }
            return;
        }
        if (expectedScalar != null) {
            throw new AssertionError("expected scalar result, but got " + describe(v));
        }
        if (v instanceof Vector vec) {
            if (range) {
                throw new AssertionError("range query returned a vector");
            }
            Map<Labels, Boolean> seen = new HashMap<>();
            int p = 0;
            for (Sample s : vec.samples()) {
                p++;
                List<Object> exp = expected.get(s.metric());
                if (exp == null) {
                    throw new AssertionError("unexpected metric " + s.metric() + " in result, has " + s.value() + "; got " + describe(v));
                }
                if (ordered && pos.get(s.metric()) != p) {
                    throw new AssertionError("expected metric " + s.metric() + " at position " + pos.get(s.metric()) + " but was at " + p);
                }
                Object e0 = exp.get(0);
                if (!(e0 instanceof Double d) || !floatsEqual(d, s.value())) {
                    throw new AssertionError("expected " + e0 + " for " + s.metric() + " but got " + s.value());
                }
                seen.put(s.metric(), true);
            }
            for (Labels l : expected.keySet()) {
                if (!seen.containsKey(l)) {
                    throw new AssertionError("expected metric " + l + " not found; got " + describe(v));
                }
            }
            return;
        }
        if (v instanceof Matrix m) {
            if (ordered) {
                throw new AssertionError("expected ordered result, but query returned a matrix");
            }
            long mStart = start;
            long mStep = step;
            long mEnd = end;
            if (!range) {
                if (rangeVector == null) {
                    throw new AssertionError("instant query returned a matrix but no 'expect range vector' was given");
                }
                mStart = rangeVector[0];
                mEnd = rangeVector[1];
                mStep = rangeVector[2];
            }
            Map<Labels, Boolean> seen = new HashMap<>();
            for (SeriesData s : m.series()) {
                List<Object> exp = expected.get(s.metric());
                if (exp == null) {
                    throw new AssertionError("unexpected metric " + s.metric() + " in result; got " + describe(v));
                }
                seen.put(s.metric(), true);
                List<long[]> ts = new ArrayList<>();
                List<Double> vs = new ArrayList<>();
                for (int i = 0; i < exp.size(); i++) {
                    long t = mStart + i * mStep;
                    if (t > mEnd) {
                        throw new AssertionError("expected " + exp.size() + " points for " + s.metric() + ", but query time range cannot return this many points");
                    }
                    Object e = exp.get(i);
                    if (e instanceof Double d) {
                        ts.add(new long[] {t});
                        vs.add(d);
                    }
                }
                if (ts.size() != s.size()) {
                    throw new AssertionError("expected " + ts.size() + " float points for " + s.metric() + ", but got " + describe(v));
                }
                for (int i = 0; i < ts.size(); i++) {
                    if (ts.get(i)[0] != s.timestamps()[i]) {
                        throw new AssertionError("expected float value at index " + i + " for " + s.metric() + " to have timestamp "
                                + ts.get(i)[0] + ", but it had timestamp " + s.timestamps()[i] + "; got " + describe(v));
                    }
                    if (!floatsEqual(vs.get(i), s.values()[i])) {
                        throw new AssertionError("expected float value at index " + i + " (t=" + ts.get(i)[0] + ") for " + s.metric()
                                + " to be " + vs.get(i) + ", but got " + s.values()[i] + "; got " + describe(v));
                    }
                }
            }
            for (Labels l : expected.keySet()) {
                if (!seen.containsKey(l)) {
                    throw new AssertionError("expected metric " + l + " not found; got " + describe(v));
                }
            }
            return;
        }
        throw new AssertionError("unexpected result " + describe(v));
    }

    // ------------------------------------------------------------------ native histogram detection

    private String histogramSkipReason(String query, boolean histogramExpectation) {
        if (histogramExpectation) {
            return "needs native histograms (expected result holds histogram samples)";
        }
        if (histogramSeries.isEmpty()) {
            return null;
        }
        Expr e;
        try {
            e = Parser.parse(query);
        } catch (RuntimeException ex) {
            return null;
        }
        List<VectorSelector> sels = new ArrayList<>();
        collectSelectors(e, sels);
        for (VectorSelector vs : sels) {
            for (Labels h : histogramSeries) {
                boolean all = true;
                for (LabelMatcher m : vs.matchers) {
                    if (!m.matches(h)) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return "needs native histograms (selects histogram series " + h + ")";
                }
            }
        }
        return null;
    }

    private static void collectSelectors(Expr e, List<VectorSelector> out) {
        if (e instanceof VectorSelector vs) {
            out.add(vs);
        } else if (e instanceof MatrixSelector ms) {
            out.add(ms.selector);
        } else if (e instanceof SubqueryExpr sq) {
            collectSelectors(sq.expr, out);
        } else if (e instanceof ParenExpr p) {
            collectSelectors(p.expr, out);
        } else if (e instanceof UnaryExpr u) {
            collectSelectors(u.expr, out);
        } else if (e instanceof BinaryExpr b) {
            collectSelectors(b.lhs, out);
            collectSelectors(b.rhs, out);
        } else if (e instanceof AggregateExpr a) {
            collectSelectors(a.expr, out);
            if (a.param != null) {
                collectSelectors(a.param, out);
            }
        } else if (e instanceof Call c) {
            for (Expr x : c.args) {
                collectSelectors(x, out);
            }
        }
    }
}
