package dev.pharos.promql.ast;

/** A node of a parsed PromQL expression; positions are character offsets in the query. */
public abstract class Expr {
    public int start;
    public int end;

    public abstract ValueType type();

    /** Prometheus's single-line rendering of the expression. */
    @Override
    public abstract String toString();
}
