package dev.pharos.promql;

import dev.pharos.promql.ast.ValueType;
import java.util.List;

/** A range vector result (range queries, or a range selector in an instant query). */
public record Matrix(List<SeriesData> series) implements Value {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
