package dev.pharos.promql.ast;

public final class MatrixSelector extends Expr {
    public final VectorSelector selector;
    /** Range in milliseconds. */
    public final long range;

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
        return selector.selectorString() + "[" + Printer.duration(range) + "]"
                + AtModifier.render(selector.timestamp, selector.startOrEnd, selector.offset);
    }
}
