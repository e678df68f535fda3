package dev.pharos.promql.ast;

import dev.pharos.model.LabelMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree /api/v1/parse_query returns, as nested maps and lists (String, Number, Boolean,
 * null leaves) in the shape of Prometheus's JSON; the HTTP layer serialises it.
 */
public final class AstJson {
    private AstJson() {
    }

    public static Map<String, Object> toMap(Expr e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof AggregateExpr a) {
            m.put("type", "aggregation");
            m.put("op", a.op.text());
            m.put("expr", toMap(a.expr));
            m.put("param", a.param == null ? null : toMap(a.param));
            m.put("grouping", new ArrayList<>(a.grouping));
            m.put("without", a.without);
        } else if (e instanceof BinaryExpr b) {
            m.put("type", "binaryExpr");
            m.put("op", b.op.symbol);
            m.put("lhs", toMap(b.lhs));
            m.put("rhs", toMap(b.rhs));
            if (b.matching != null) {
                Map<String, Object> vm = new LinkedHashMap<>();
                vm.put("card", switch (b.matching.card) {
                    case ONE_TO_ONE -> "one-to-one";
                    case MANY_TO_ONE -> "many-to-one";
                    case ONE_TO_MANY -> "one-to-many";
                    case MANY_TO_MANY -> "many-to-many";
                });
                vm.put("labels", new ArrayList<>(b.matching.matchingLabels));
                vm.put("on", b.matching.on);
                vm.put("include", new ArrayList<>(b.matching.include));
                m.put("matching", vm);
            } else {
                m.put("matching", null);
            }
            m.put("bool", b.returnBool);
        } else if (e instanceof Call c) {
            m.put("type", "call");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", c.func.name);
            List<String> at = new ArrayList<>();
            for (ValueType t : c.func.argTypes) {
                at.add(t.apiName());
            }
            f.put("argTypes", at);
            f.put("variadic", c.func.variadic);
            f.put("returnType", c.func.returnType.apiName());
            m.put("func", f);
            List<Object> args = new ArrayList<>();
            for (Expr x : c.args) {
                args.add(toMap(x));
            }
            m.put("args", args);
        } else if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector;
            m.put("type", "matrixSelector");
            m.put("name", vs.name);
            m.put("range", ms.range);
            m.put("offset", vs.offset);
            m.put("matchers", matchers(vs.matchers));
            m.put("timestamp", vs.timestamp);
            m.put("startOrEnd", startOrEnd(vs.startOrEnd));
        } else if (e instanceof SubqueryExpr s) {
            m.put("type", "subquery");
            m.put("expr", toMap(s.expr));
            m.put("range", s.range);
            m.put("offset", s.offset);
            m.put("step", s.step);
            m.put("timestamp", s.timestamp);
            m.put("startOrEnd", startOrEnd(s.startOrEnd));
        } else if (e instanceof NumberLiteral n) {
            m.put("type", "numberLiteral");
            m.put("val", dev.pharos.promql.ValueFormat.format(n.value));
        } else if (e instanceof ParenExpr p) {
            m.put("type", "parenExpr");
            m.put("expr", toMap(p.expr));
        } else if (e instanceof StringLiteral s) {
            m.put("type", "stringLiteral");
            m.put("val", s.value);
        } else if (e instanceof UnaryExpr u) {
            m.put("type", "unaryExpr");
            m.put("op", String.valueOf(u.op));
            m.put("expr", toMap(u.expr));
        } else if (e instanceof VectorSelector vs) {
            m.put("type", "vectorSelector");
            m.put("name", vs.name);
            m.put("offset", vs.offset);
            m.put("matchers", matchers(vs.matchers));
            m.put("timestamp", vs.timestamp);
            m.put("startOrEnd", startOrEnd(vs.startOrEnd));
        }
        return m;
    }

    private static String startOrEnd(int v) {
        return v == AtModifier.START ? "start" : v == AtModifier.END ? "end" : null;
    }

    private static List<Object> matchers(List<LabelMatcher> ms) {
        List<Object> out = new ArrayList<>();
        for (LabelMatcher lm : ms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", lm.type().symbol());
            m.put("name", lm.name());
            m.put("value", lm.value());
            out.add(m);
        }
        return out;
    }
}
