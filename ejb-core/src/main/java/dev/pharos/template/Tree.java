package dev.pharos.template;

import java.nio.charset.StandardCharsets;

/**
 * One parsed template: its name, the name of the text it came from (Go's ParseName, used in
 * error locations) and its root list. Trees are immutable after parsing and shared by all
 * executions.
 */
final class Tree {
    final String name;
    final String parseName;
    final String text;
    Node.ListNode root;

    Tree(String name, String parseName, String text) {
        this.name = name;
        this.parseName = parseName;
        this.text = text;
    }

    /** "parseName:line:col" with a 0-based byte column, as Go's ErrorContext reports it. */
    String location(int pos) {
        int line = 1;
        int lastNl = -1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lastNl = i;
            }
        }
        int col = text.substring(lastNl + 1, Math.min(pos, text.length())).getBytes(StandardCharsets.UTF_8).length;
        return parseName + ":" + line + ":" + col;
    }

    /** Go's parse.IsEmptyTree: only whitespace text. */
    boolean isEmpty() {
        if (root == null) {
            return true;
        }
        for (Node n : root.nodes) {
            if (!(n instanceof Node.TextNode) || !((Node.TextNode) n).text.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
