package dev.pharos.promql.ast;

import java.util.List;

public final class AggregateExpr extends Expr {
    public final AggregateOp op;
    public final Expr expr;
    public final Expr param;
    public final List<String> grouping;
    public final boolean without;
    /** Whether by/without was written (so {@code sum by () (x)} prints). */
    public final boolean groupingWritten;

    public AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without, boolean groupingWritten) {
        this.op = op;
        this.expr = expr;
        this.param = param;
        this.grouping = grouping;
        this.without = without;
        this.groupingWritten = groupingWritten;
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    public String opString() {
        String s = op.text();
        if (without) {
            s += " without (" + String.join(", ", Printer.labelNames(grouping)) + ") ";
        } else if (!grouping.isEmpty()) {
            s += " by (" + String.join(", ", Printer.labelNames(grouping)) + ") ";
        }
        return s;
    }

    @Override
    public String toString() {
        return opString() + "(" + (param != null ? param + ", " : "") + expr + ")";
    }
}
