package dev.pharos.promql;

import dev.pharos.promql.ast.ValueType;

public record StringValue(long timestamp, String value) implements Value {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
