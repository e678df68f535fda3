package dev.pharos.promql.ast;

public final class ParenExpr extends Expr {
    public final Expr expr;

    public ParenExpr(Expr expr) {
        this.expr = expr;
    }

    @Override
    public ValueType type() {
        return expr.type();
    }

    @Override
    public String toString() {
        return "(" + expr + ")";
    }
}
