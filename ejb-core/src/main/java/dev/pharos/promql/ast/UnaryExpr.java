package dev.pharos.promql.ast;

public final class UnaryExpr extends Expr {
    /** '-' or '+'. */
    public final char op;
    public final Expr expr;

    public UnaryExpr(char op, Expr expr) {
        this.op = op;
        this.expr = expr;
    }

    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return op + expr.toString();
    }
}
