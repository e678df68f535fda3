package dev.pharos.promql.ast;

public final class MatrixSelector extends Expr {
    public final VectorSelector selector;
    /** Range in milliseconds. */
    public long range;
    /** A duration expression for the range that needs the query's step or range, resolved at evaluation. */
    public Expr rangeExpr;
    /** Experimental range modifiers of Prometheus 3 ({@code anchored}, {@code smoothed}). */
    public boolean anchored;
    public boolean smoothed;

    public MatrixSelector(VectorSelector selector, long range) {
        this.selector = selector;
        this.range = range;
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    @Override
    public String toString() {
        return selector.selectorString() + "[" + (rangeExpr != null ? rangeExpr.toString() : Printer.duration(range)) + "]"
                + AtModifier.render(selector.timestamp, selector.startOrEnd, selector.offset, selector.offsetExpr)
                + (anchored ? " anchored" : "") + (smoothed ? " smoothed" : "");
    }
}
