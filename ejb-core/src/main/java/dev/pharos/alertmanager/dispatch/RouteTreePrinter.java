package dev.pharos.alertmanager.dispatch;

import dev.pharos.alertmanager.Matchers;

/** The text of {@code amtool config routes show}: a box-drawing tree under "Routing tree:". */
public final class RouteTreePrinter {

    private RouteTreePrinter() {
    }

    public static String print(Route root) {
        StringBuilder sb = new StringBuilder("Routing tree:\n.\n");
        node(sb, root, "", true);
        return sb.append('\n').toString();
    }

    // The original (treeprint) pads the vertical bar with two no-break spaces, then a space.
    private static void node(StringBuilder sb, Route r, String indent, boolean last) {
        sb.append(indent).append(last ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ").append(heading(r)).append('\n');
        String childIndent = indent + (last ? "    " : "\u2502\u00a0\u00a0 ");
        for (int i = 0; i < r.routes().size(); i++) {
            node(sb, r.routes().get(i), childIndent, i == r.routes().size() - 1);
        }
    }

    static String heading(Route r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.matchers().isEmpty() ? "default-route" : Matchers.format(r.matchers()));
        if (r.continueMatching()) {
            sb.append("  continue: true");
        }
        return sb.append("  receiver: ").append(r.opts().receiver()).toString();
    }
}
