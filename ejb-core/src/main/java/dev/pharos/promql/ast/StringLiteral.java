package dev.pharos.promql.ast;

public final class StringLiteral extends Expr {
    public final String value;

    public StringLiteral(String value) {
        this.value = value;
    }

    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    @Override
    public String toString() {
        return Printer.quote(value);
    }
}
