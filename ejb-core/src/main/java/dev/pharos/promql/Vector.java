package dev.pharos.promql;

import dev.pharos.promql.ast.ValueType;
import java.util.List;

/** An instant vector result, in the order Prometheus returns it. */
public record Vector(List<Sample> samples) implements Value {
    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
