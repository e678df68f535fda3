package dev.pharos.promql.ast;

/** Binary operators with Prometheus precedence (higher binds tighter). */
public enum BinaryOp {
    ADD("+", 4), SUB("-", 4), MUL("*", 5), DIV("/", 5), MOD("%", 5), ATAN2("atan2", 5), POW("^", 6),
    EQLC("==", 3), NEQ("!=", 3), GTR(">", 3), LSS("<", 3), GTE(">=", 3), LTE("<=", 3),
    AND("and", 2), UNLESS("unless", 2), OR("or", 1);

    public final String symbol;
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public boolean isComparison() {
        return precedence == 3;
    }

    public boolean isSetOperator() {
        return this == AND || this == OR || this == UNLESS;
    }

    public boolean rightAssociative() {
        return this == POW;
    }

    public static BinaryOp fromSymbol(String s) {
        for (BinaryOp op : values()) {
            if (op.symbol.equalsIgnoreCase(s)) {
                return op;
            }
        }
        return null;
    }
}
