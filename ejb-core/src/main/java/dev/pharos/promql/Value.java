package dev.pharos.promql;

import dev.pharos.promql.ast.ValueType;

/** A query result value: {@link Vector}, {@link Matrix}, {@link Scalar} or {@link StringValue}. */
public interface Value {
    ValueType type();
}
