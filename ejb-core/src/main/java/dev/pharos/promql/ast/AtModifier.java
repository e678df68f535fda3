package dev.pharos.promql.ast;

/** The {@code @} and {@code offset} modifiers shared by selectors and subqueries. */
public final class AtModifier {
    public static final int NONE = 0;
    public static final int START = 1;
    public static final int END = 2;

    private AtModifier() {
    }

    static String render(Long timestamp, int startOrEnd, long offset, Expr offsetExpr) {
        StringBuilder sb = new StringBuilder();
        if (timestamp != null) {
            sb.append(" @ ").append(String.format(java.util.Locale.ROOT, "%.3f", timestamp / 1000.0));
        } else if (startOrEnd == START) {
            sb.append(" @ start()");
        } else if (startOrEnd == END) {
            sb.append(" @ end()");
        }
        if (offsetExpr != null) {
            sb.append(" offset ").append(offsetExpr);
        } else if (offset > 0) {
            sb.append(" offset ").append(Printer.duration(offset));
        } else if (offset < 0) {
            sb.append(" offset -").append(Printer.duration(-offset));
        }
        return sb.toString();
    }
}
