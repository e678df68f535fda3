package dev.pharos.promql.ast;

import java.util.stream.Collectors;

/**
 * Prometheus's query prettifier (used by /api/v1/format_query): a node that fits in 100
 * characters stays on one line; longer ones are split with two-space indentation.
 */
public final class Pretty {
    private static final int MAX = 100;

    private Pretty() {
    }

    public static String format(Expr e) {
        return pretty(e, 0);
    }

    private static String indent(int level) {
        return "  ".repeat(level);
    }

    private static boolean needsSplit(Expr e) {
        return e.toString().length() > MAX;
    }

    static String pretty(Expr e, int level) {
        String ind = indent(level);
        if (!needsSplit(e)) {
            return ind + e;
        }
        if (e instanceof AggregateExpr a) {
            StringBuilder sb = new StringBuilder(ind).append(a.opString()).append("(\n");
            if (a.param != null) {
                sb.append(pretty(a.param, level + 1)).append(",\n");
            }
            return sb.append(pretty(a.expr, level + 1)).append('\n').append(ind).append(')').toString();
        }
        if (e instanceof BinaryExpr b) {
            return pretty(b.lhs, level + 1) + "\n" + ind + b.op.symbol + b.modifiersString() + "\n" + pretty(b.rhs, level + 1);
        }
        if (e instanceof Call c) {
            return ind + c.func.name + "(\n"
                    + c.args.stream().map(x -> pretty(x, level + 1)).collect(Collectors.joining(",\n"))
                    + "\n" + ind + ")";
        }
        if (e instanceof ParenExpr p) {
            return ind + "(\n" + pretty(p.expr, level + 1) + "\n" + ind + ")";
        }
        if (e instanceof SubqueryExpr s) {
            String full = s.toString();
            String inner = s.expr.toString();
            return pretty(s.expr, level) + full.substring(inner.length());
        }
        if (e instanceof UnaryExpr u) {
            return ind + u.op + pretty(u.expr, level).strip();
        }
        return ind + e;
    }
}
