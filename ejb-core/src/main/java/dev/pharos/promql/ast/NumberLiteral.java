package dev.pharos.promql.ast;

import dev.pharos.promql.ValueFormat;

public final class NumberLiteral extends Expr {
    public double value;

    public NumberLiteral(double value) {
        this.value = value;
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    @Override
    public String toString() {
        return ValueFormat.formatG(value);
    }
}
