package dev.pharos.promql.ast;

public enum AggregateOp {
    SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, COUNT_VALUES, QUANTILE, LIMITK, LIMIT_RATIO;

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean hasParam() {
        return this == TOPK || this == BOTTOMK || this == COUNT_VALUES || this == QUANTILE
                || this == LIMITK || this == LIMIT_RATIO;
    }

    public static AggregateOp fromText(String s) {
        for (AggregateOp op : values()) {
            if (op.text().equalsIgnoreCase(s)) {
                return op;
            }
        }
        return null;
    }
}
