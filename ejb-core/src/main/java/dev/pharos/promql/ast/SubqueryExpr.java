package dev.pharos.promql.ast;

public final class SubqueryExpr extends Expr {
    public final Expr expr;
    public long range;
    public Expr rangeExpr;
    /** Step in milliseconds; 0 means the engine's default. */
    public long step;
    public Expr stepExpr;
    public long offset;
    public boolean offsetSet;
    public Expr offsetExpr;
    public Long timestamp;
    public int startOrEnd;

    public SubqueryExpr(Expr expr, long range, long step) {
        this.expr = expr;
        this.range = range;
        this.step = step;
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    public boolean hasAt() {
        return timestamp != null || startOrEnd != AtModifier.NONE;
    }

    @Override
    public String toString() {
        return expr + "[" + (rangeExpr != null ? rangeExpr.toString() : Printer.duration(range)) + ":"
                + (stepExpr != null ? stepExpr.toString() : step > 0 ? Printer.duration(step) : "") + "]"
                + AtModifier.render(timestamp, startOrEnd, offset, offsetExpr);
    }
}
