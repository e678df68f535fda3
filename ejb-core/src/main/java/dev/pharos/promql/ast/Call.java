package dev.pharos.promql.ast;

import java.util.List;
import java.util.stream.Collectors;

public final class Call extends Expr {
    public final Function func;
    public final List<Expr> args;

    public Call(Function func, List<Expr> args) {
        this.func = func;
        this.args = args;
    }

    @Override
    public ValueType type() {
        return func.returnType;
    }

    @Override
    public String toString() {
        return func.name + "(" + args.stream().map(Object::toString).collect(Collectors.joining(", ")) + ")";
    }
}
