package dev.pharos.promql.ast;

public final class BinaryExpr extends Expr {
    public final BinaryOp op;
    public final Expr lhs;
    public final Expr rhs;
    /** Null unless both sides are instant vectors. */
    public VectorMatching matching;
    public boolean returnBool;

    public BinaryExpr(BinaryOp op, Expr lhs, Expr rhs) {
        this.op = op;
        this.lhs = lhs;
        this.rhs = rhs;
    }

    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }

    public String modifiersString() {
        StringBuilder sb = new StringBuilder();
        if (returnBool) {
            sb.append(" bool");
        }
        VectorMatching m = matching;
        if (m != null) {
            if (m.explicit && (m.on || !m.matchingLabels.isEmpty())) {
                sb.append(m.on ? " on(" : " ignoring(").append(String.join(", ", Printer.labelNames(m.matchingLabels))).append(')');
            }
            if (m.card == VectorMatching.Card.MANY_TO_ONE || m.card == VectorMatching.Card.ONE_TO_MANY) {
                sb.append(m.card == VectorMatching.Card.MANY_TO_ONE ? " group_left(" : " group_right(")
                        .append(String.join(", ", Printer.labelNames(m.include))).append(')');
            }
            if (m.fillLeft != null && m.fillRight != null && m.fillLeft.equals(m.fillRight)) {
                sb.append(" fill(").append(dev.pharos.promql.ValueFormat.formatG(m.fillLeft)).append(')');
            } else {
                if (m.fillLeft != null) {
                    sb.append(" fill_left(").append(dev.pharos.promql.ValueFormat.formatG(m.fillLeft)).append(')');
                }
                if (m.fillRight != null) {
                    sb.append(" fill_right(").append(dev.pharos.promql.ValueFormat.formatG(m.fillRight)).append(')');
                }
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return lhs + " " + op.symbol + modifiersString() + " " + rhs;
    }
}
