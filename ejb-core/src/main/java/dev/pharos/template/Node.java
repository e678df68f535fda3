package dev.pharos.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Parse tree nodes, mirroring Go's text/template/parse node kinds. {@link #toString()}
 * renders a node the way Go does, since execution errors quote it ("at &lt;...&gt;").
 */
abstract class Node {
    final Tree tree;
    final int pos;

    Node(Tree tree, int pos) {
        this.tree = tree;
        this.pos = pos;
    }

    static final class ListNode extends Node {
        final List<Node> nodes = new ArrayList<>();

        ListNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Node n : nodes) {
                sb.append(n);
            }
            return sb.toString();
        }
    }

    static final class TextNode extends Node {
        final String text;
        /** html mode: (context on entry) to (escaped text, context on exit); filled lazily, shared. */
        final java.util.concurrent.ConcurrentHashMap<Object, Object[]> htmlCache =
                new java.util.concurrent.ConcurrentHashMap<>(2);

        TextNode(Tree tree, int pos, String text) {
            super(tree, pos);
            this.text = text;
        }

        @Override
        public String toString() {
            return GoFmt.quote(text);
        }
    }

    static final class PipeNode extends Node {
        final int line;
        boolean isAssign;
        final List<VariableNode> decl = new ArrayList<>();
        final List<CommandNode> cmds = new ArrayList<>();

        PipeNode(Tree tree, int pos, int line) {
            super(tree, pos);
            this.line = line;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    sb.append(decl.get(i));
                }
                sb.append(" := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    static final class ActionNode extends Node {
        final int line;
        final PipeNode pipe;

        ActionNode(Tree tree, int pos, int line, PipeNode pipe) {
            super(tree, pos);
            this.line = line;
            this.pipe = pipe;
        }

        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    static final class CommandNode extends Node {
        final List<Node> args = new ArrayList<>();

        CommandNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                Node a = args.get(i);
                if (a instanceof PipeNode) {
                    sb.append('(').append(a).append(')');
                } else {
                    sb.append(a);
                }
            }
            return sb.toString();
        }
    }

    static final class IdentifierNode extends Node {
        final String ident;

        IdentifierNode(Tree tree, int pos, String ident) {
            super(tree, pos);
            this.ident = ident;
        }

        @Override
        public String toString() {
            return ident;
        }
    }

    static final class VariableNode extends Node {
        final String[] ident;

        VariableNode(Tree tree, int pos, String text) {
            super(tree, pos);
            this.ident = text.split("\\.", -1);
        }

        @Override
        public String toString() {
            return String.join(".", ident);
        }
    }

    static final class DotNode extends Node {
        DotNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            return ".";
        }
    }

    static final class NilNode extends Node {
        NilNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            return "nil";
        }
    }

    static final class FieldNode extends Node {
        final String[] ident;

        FieldNode(Tree tree, int pos, String text) {
            super(tree, pos);
            this.ident = text.substring(1).split("\\.", -1);
        }

        @Override
        public String toString() {
            return "." + String.join(".", ident);
        }
    }

    static final class ChainNode extends Node {
        final Node node;
        final List<String> fields = new ArrayList<>();

        ChainNode(Tree tree, int pos, Node node) {
            super(tree, pos);
            this.node = node;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (node instanceof PipeNode) {
                sb.append('(').append(node).append(')');
            } else {
                sb.append(node);
            }
            for (String f : fields) {
                sb.append('.').append(f);
            }
            return sb.toString();
        }
    }

    static final class BoolNode extends Node {
        final boolean value;

        BoolNode(Tree tree, int pos, boolean value) {
            super(tree, pos);
            this.value = value;
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    static final class NumberNode extends Node {
        final String text;
        boolean isInt;
        boolean isFloat;
        boolean isRune;
        long intValue;
        double floatValue;

        NumberNode(Tree tree, int pos, String text) {
            super(tree, pos);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    static final class StringNode extends Node {
        final String quoted;
        final String text;

        StringNode(Tree tree, int pos, String quoted, String text) {
            super(tree, pos);
            this.quoted = quoted;
            this.text = text;
        }

        @Override
        public String toString() {
            return quoted;
        }
    }

    /** Marker nodes for {{end}} and {{else}}; never part of a finished tree. */
    static final class EndNode extends Node {
        EndNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            return "{{end}}";
        }
    }

    static final class ElseNode extends Node {
        ElseNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            return "{{else}}";
        }
    }

    static final class BreakNode extends Node {
        BreakNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    static final class ContinueNode extends Node {
        ContinueNode(Tree tree, int pos) {
            super(tree, pos);
        }

        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** if, range and with share one shape; kind tells them apart. */
    static final class BranchNode extends Node {
        enum Kind { IF, RANGE, WITH }

        final Kind kind;
        final PipeNode pipe;
        final ListNode list;
        final ListNode elseList;

        BranchNode(Tree tree, int pos, Kind kind, PipeNode pipe, ListNode list, ListNode elseList) {
            super(tree, pos);
            this.kind = kind;
            this.pipe = pipe;
            this.list = list;
            this.elseList = elseList;
        }

        @Override
        public String toString() {
            String name = kind.name().toLowerCase();
            if (elseList != null) {
                return "{{" + name + " " + pipe + "}}" + list + "{{else}}" + elseList + "{{end}}";
            }
            return "{{" + name + " " + pipe + "}}" + list + "{{end}}";
        }
    }

    static final class TemplateNode extends Node {
        final String name;
        final PipeNode pipe;

        TemplateNode(Tree tree, int pos, String name, PipeNode pipe) {
            super(tree, pos);
            this.name = name;
            this.pipe = pipe;
        }

        @Override
        public String toString() {
            if (pipe == null) {
                return "{{template " + GoFmt.quote(name) + "}}";
            }
            return "{{template " + GoFmt.quote(name) + " " + pipe + "}}";
        }
    }
}
