package dev.pharos.promql;

import dev.pharos.promql.ast.ValueType;

public record Scalar(long timestamp, double value) implements Value {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
