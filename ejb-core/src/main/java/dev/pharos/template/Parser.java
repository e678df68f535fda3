package dev.pharos.template;

import dev.pharos.template.Lexer.Item;
import dev.pharos.template.Lexer.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Recursive-descent parser following Go's text/template/parse: it builds the tree of the
 * named template and of every {{define}} and {{block}} in the text, checks functions and
 * variables at parse time and reports errors with Go's wording.
 */
final class Parser {

    private final String parseName;
    private final String text;
    private final List<Item> items;
    private final Predicate<String> hasFunction;
    private final Map<String, Tree> treeSet = new LinkedHashMap<>();
    private int index;

    // per-tree state
    private Tree tree;
    private List<String> vars = new ArrayList<>();
    private int rangeDepth;

    private Parser(String parseName, String text, Predicate<String> hasFunction) {
        this.parseName = parseName;
        this.text = text;
        this.items = Lexer.lex(text);
        this.hasFunction = hasFunction;
    }

    /** Parses text as template {@code name}; returns all trees it defines (name first when non-empty). */
    static Map<String, Tree> parse(String name, String text, Predicate<String> hasFunction)
            throws TemplateParseException {
        Parser p = new Parser(name, text, hasFunction);
        try {
            p.parseTop(name);
        } catch (ParseError e) {
            throw new TemplateParseException(e.getMessage());
        }
        return p.treeSet;
    }

    private static final class ParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseError(String msg) {
            super(msg, null, false, false);
        }
    }

    private int lastLine = 1;

    private ParseError error(String msg) {
        return new ParseError("template: " + parseName + ":" + lastLine + ": " + msg);
    }

    private Item next() {
        Item it = items.get(Math.min(index, items.size() - 1));
        index++;
        lastLine = it.line();
        return it;
    }

    private void backup() {
        index--;
    }

    private Item peek() {
        Item it = items.get(Math.min(index, items.size() - 1));
        lastLine = it.line();
        return it;
    }

    private Item nextNonSpace() {
        Item it;
        do {
            it = next();
        } while (it.type() == Type.SPACE);
        return it;
    }

    private Item peekNonSpace() {
        Item it = nextNonSpace();
        backup();
        return it;
    }

    private Item expect(Type t, String context) {
        Item it = nextNonSpace();
        if (it.type() != t) {
            throw unexpected(it, context);
        }
        return it;
    }

    private ParseError unexpected(Item it, String context) {
        if (it.type() == Type.ERROR) {
            return error(it.val());
        }
        return error("unexpected " + it + " in " + context);
    }

    private void startTree(Tree t) {
        tree = t;
        vars = new ArrayList<>();
        vars.add("$");
        rangeDepth = 0;
    }

    private void addTree(Tree t) {
        Tree existing = treeSet.get(t.name);
        if (existing == null || existing.isEmpty()) {
            treeSet.put(t.name, t);
            return;
        }
        if (!t.isEmpty()) {
            throw error("template: multiple definition of template " + GoFmt.quote(t.name));
        }
    }

    private void parseTop(String name) {
        Tree top = new Tree(name, parseName, text);
        startTree(top);
        top.root = new Node.ListNode(top, peek().pos());
        while (peek().type() != Type.EOF) {
            if (peek().type() == Type.LEFT_DELIM) {
                next();
                if (nextNonSpace().type() == Type.DEFINE) {
                    Tree saved = tree;
                    List<String> savedVars = vars;
                    Tree def = new Tree("definition", parseName, text);
                    startTree(def);
                    parseDefinition(def);
                    tree = saved;
                    vars = savedVars;
                    continue;
                }
                // back to the left delimiter
                index--;
                while (items.get(index).type() != Type.LEFT_DELIM) {
                    index--;
                }
            }
            Node n = textOrAction();
            if (n instanceof Node.EndNode || n instanceof Node.ElseNode) {
                throw error("unexpected " + n);
            }
            top.root.nodes.add(n);
        }
        // The top-level tree goes first so that callers find it by name.
        Map<String, Tree> defs = new LinkedHashMap<>(treeSet);
        treeSet.clear();
        addTree(top);
        for (Tree t : defs.values()) {
            addTree(t);
        }
    }

    private void parseDefinition(Tree def) {
        String context = "define clause";
        Item name = nextNonSpace();
        if (name.type() != Type.STRING && name.type() != Type.RAW_STRING) {
            throw unexpected(name, context);
        }
        Tree named = new Tree(unquote(name), parseName, text);
        tree = named;
        expect(Type.RIGHT_DELIM, context);
        Node[] end = new Node[1];
        named.root = itemList(end);
        if (!(end[0] instanceof Node.EndNode)) {
            throw error("unexpected " + end[0] + " in " + context);
        }
        addTree(named);
    }

    private Node.ListNode itemList(Node[] end) {
        Node.ListNode list = new Node.ListNode(tree, peekNonSpace().pos());
        while (peekNonSpace().type() != Type.EOF) {
            Node n = textOrAction();
            if (n instanceof Node.EndNode || n instanceof Node.ElseNode) {
                end[0] = n;
                return list;
            }
            list.nodes.add(n);
        }
        throw error("unexpected EOF");
    }

    private Node textOrAction() {
        Item token = nextNonSpace();
        switch (token.type()) {
            case TEXT:
                return new Node.TextNode(tree, token.pos(), token.val());
            case LEFT_DELIM:
                return action();
            default:
                throw unexpected(token, "input");
        }
    }

    private Node action() {
        Item token = nextNonSpace();
        switch (token.type()) {
            case BLOCK:
                return blockControl();
            case BREAK:
                return breakControl(token, true);
            case CONTINUE:
                return breakControl(token, false);
            case ELSE:
                return elseControl();
            case END:
                return new Node.EndNode(tree, expect(Type.RIGHT_DELIM, "end").pos());
            case IF:
                return branch(Node.BranchNode.Kind.IF, true, "if");
            case RANGE:
                return branch(Node.BranchNode.Kind.RANGE, false, "range");
            case TEMPLATE:
                return templateControl();
            case WITH:
                return branch(Node.BranchNode.Kind.WITH, false, "with");
            default:
                break;
        }
        backup();
        Item t = peek();
        // Variables declared here persist until the enclosing {{end}}.
        return new Node.ActionNode(tree, t.pos(), t.line(), pipeline("command", Type.RIGHT_DELIM));
    }

    private Node breakControl(Item token, boolean isBreak) {
        String word = isBreak ? "{{break}}" : "{{continue}}";
        Item t = nextNonSpace();
        if (t.type() != Type.RIGHT_DELIM) {
            throw unexpected(t, word);
        }
        if (rangeDepth == 0) {
            throw error(word + " outside {{range}}");
        }
        return isBreak ? new Node.BreakNode(tree, token.pos()) : new Node.ContinueNode(tree, token.pos());
    }

    private Node elseControl() {
        Item peek = peekNonSpace();
        if (peek.type() == Type.IF) {
            // "{{else if ...": leave the "if" pending for the enclosing if to pick up.
            return new Node.ElseNode(tree, peek.pos());
        }
        Item t = expect(Type.RIGHT_DELIM, "else");
        return new Node.ElseNode(tree, t.pos());
    }

    private Node branch(Node.BranchNode.Kind kind, boolean allowElseIf, String context) {
        int mark = vars.size();
        try {
            Node.PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
            if (kind == Node.BranchNode.Kind.RANGE) {
                rangeDepth++;
            }
            Node[] next = new Node[1];
            Node.ListNode list = itemList(next);
            if (kind == Node.BranchNode.Kind.RANGE) {
                rangeDepth--;
            }
            Node.ListNode elseList = null;
            if (next[0] instanceof Node.ElseNode) {
                if (allowElseIf && peek().type() == Type.IF) {
                    next();
                    elseList = new Node.ListNode(tree, next[0].pos);
                    elseList.nodes.add(branch(Node.BranchNode.Kind.IF, true, "if"));
                } else {
                    elseList = itemList(next);
                    if (!(next[0] instanceof Node.EndNode)) {
                        throw error("expected end; found " + next[0]);
                    }
                }
            }
            return new Node.BranchNode(tree, pipe.pos, kind, pipe, list, elseList);
        } finally {
            while (vars.size() > mark) {
                vars.remove(vars.size() - 1);
            }
        }
    }

    private String parseTemplateName(Item token, String context) {
        if (token.type() == Type.STRING || token.type() == Type.RAW_STRING) {
            return unquote(token);
        }
        throw unexpected(token, context);
    }

    private Node templateControl() {
        String context = "template clause";
        Item token = nextNonSpace();
        String name = parseTemplateName(token, context);
        Node.PipeNode pipe = null;
        if (nextNonSpace().type() != Type.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Type.RIGHT_DELIM);
        }
        return new Node.TemplateNode(tree, token.pos(), name, pipe);
    }

    private Node blockControl() {
        String context = "block clause";
        Item token = nextNonSpace();
        String name = parseTemplateName(token, context);
        Node.PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
        Tree saved = tree;
        List<String> savedVars = vars;
        int savedDepth = rangeDepth;
        Tree block = new Tree(name, parseName, text);
        startTree(block);
        Node[] end = new Node[1];
        block.root = itemList(end);
        if (!(end[0] instanceof Node.EndNode)) {
            throw error("unexpected " + end[0] + " in " + context);
        }
        addTree(block);
        tree = saved;
        vars = savedVars;
        rangeDepth = savedDepth;
        return new Node.TemplateNode(tree, token.pos(), name, pipe);
    }

    private Node.PipeNode pipeline(String context, Type end) {
        Item token = peekNonSpace();
        Node.PipeNode pipe = new Node.PipeNode(tree, token.pos(), token.line());
        decls:
        while (true) {
            Item v = peekNonSpace();
            if (v.type() == Type.VARIABLE) {
                nextNonSpace();
                int afterVar = index;
                Item tokenAfterVariable = peek();
                Item nx = peekNonSpace();
                if (nx.type() == Type.ASSIGN || nx.type() == Type.DECLARE) {
                    pipe.isAssign = nx.type() == Type.ASSIGN;
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(tree, v.pos(), v.val()));
                    vars.add(v.val());
                } else if (nx.type() == Type.CHAR && nx.val().equals(",")) {
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(tree, v.pos(), v.val()));
                    vars.add(v.val());
                    if (context.equals("range") && pipe.decl.size() < 2) {
                        Type pt = peekNonSpace().type();
                        if (pt == Type.VARIABLE || pt == Type.RIGHT_DELIM || pt == Type.RIGHT_PAREN) {
                            continue decls;
                        }
                        throw error("range can only initialize variables");
                    }
                    throw error("too many declarations in " + context);
                } else if (tokenAfterVariable.type() == Type.SPACE) {
                    index = afterVar - 1;
                    while (items.get(index).type() != Type.VARIABLE) {
                        index--;
                    }
                } else {
                    index = afterVar - 1;
                }
            }
            break;
        }
        while (true) {
            Item t = nextNonSpace();
            if (t.type() == end) {
                checkPipeline(pipe, context);
                return pipe;
            }
            switch (t.type()) {
                case BOOL: case CHAR_CONSTANT: case DOT: case FIELD: case IDENTIFIER: case NUMBER: case NIL:
                case RAW_STRING: case STRING: case VARIABLE: case LEFT_PAREN:
                    backup();
                    pipe.cmds.add(command());
                    break;
                default:
                    throw unexpected(t, context);
            }
        }
    }

    private void checkPipeline(Node.PipeNode pipe, String context) {
        if (pipe.cmds.isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < pipe.cmds.size(); i++) {
            Node first = pipe.cmds.get(i).args.get(0);
            if (first instanceof Node.BoolNode || first instanceof Node.DotNode || first instanceof Node.NilNode
                    || first instanceof Node.NumberNode || first instanceof Node.StringNode) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Node.CommandNode command() {
        Node.CommandNode cmd = new Node.CommandNode(tree, peekNonSpace().pos());
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                cmd.args.add(operand);
            }
            Item t = next();
            if (t.type() == Type.SPACE) {
                continue;
            }
            if (t.type() == Type.RIGHT_DELIM || t.type() == Type.RIGHT_PAREN) {
                backup();
            } else if (t.type() != Type.PIPE) {
                throw unexpected(t, "operand");
            }
            break;
        }
        if (cmd.args.isEmpty()) {
            throw error("empty command");
        }
        return cmd;
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type() == Type.FIELD) {
            Node.ChainNode chain = new Node.ChainNode(tree, peek().pos(), node);
            while (peek().type() == Type.FIELD) {
                chain.fields.add(next().val().substring(1));
            }
            if (node instanceof Node.FieldNode) {
                return new Node.FieldNode(tree, chain.pos, chain.toString());
            } else if (node instanceof Node.VariableNode) {
                return new Node.VariableNode(tree, chain.pos, chain.toString());
            } else if (node instanceof Node.BoolNode || node instanceof Node.StringNode
                    || node instanceof Node.NumberNode || node instanceof Node.NilNode
                    || node instanceof Node.DotNode) {
                throw error("unexpected . after term " + GoFmt.quote(node.toString()));
            }
            return chain;
        }
        return node;
    }

    private Node term() {
        Item t = nextNonSpace();
        switch (t.type()) {
            case IDENTIFIER:
                if (!hasFunction.test(t.val())) {
                    throw error("function " + GoFmt.quote(t.val()) + " not defined");
                }
                return new Node.IdentifierNode(tree, t.pos(), t.val());
            case DOT:
                return new Node.DotNode(tree, t.pos());
            case NIL:
                return new Node.NilNode(tree, t.pos());
            case VARIABLE:
                return useVar(t);
            case FIELD:
                return new Node.FieldNode(tree, t.pos(), t.val());
            case BOOL:
                return new Node.BoolNode(tree, t.pos(), t.val().equals("true"));
            case CHAR_CONSTANT:
            case NUMBER:
                return number(t);
            case LEFT_PAREN:
                return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
            case STRING:
            case RAW_STRING:
                return new Node.StringNode(tree, t.pos(), t.val(), unquote(t));
            default:
                backup();
                return null;
        }
    }

    private Node useVar(Item t) {
        Node.VariableNode v = new Node.VariableNode(tree, t.pos(), t.val());
        if (vars.contains(v.ident[0])) {
            return v;
        }
        throw error("undefined variable " + GoFmt.quote(v.ident[0]));
    }

    private String unquote(Item t) {
        try {
            return GoLiterals.unquote(t.val());
        } catch (IllegalArgumentException e) {
            throw error("invalid syntax");
        }
    }

    private Node number(Item t) {
        Node.NumberNode n = new Node.NumberNode(tree, t.pos(), t.val());
        String s = t.val();
        if (t.type() == Type.CHAR_CONSTANT) {
            int rune;
            try {
                rune = GoLiterals.unquoteChar(s);
            } catch (IllegalArgumentException e) {
                throw error("malformed character constant: " + s);
            }
            n.isRune = true;
            n.isInt = true;
            n.isFloat = true;
            n.intValue = rune;
            n.floatValue = rune;
            return n;
        }
        if (s.endsWith("i")) {
            throw error("complex numbers are not supported: " + s);
        }
        Long iv = GoLiterals.parseInt(s);
        if (iv != null) {
            n.isInt = true;
            n.intValue = iv;
            n.isFloat = true;
            n.floatValue = iv;
            return n;
        }
        Double fv = GoLiterals.parseFloat(s);
        if (fv != null) {
            n.isFloat = true;
            n.floatValue = fv;
            if (!s.contains("x") && !s.contains("X") && fv == Math.rint(fv) && Math.abs(fv) < 9.2e18) {
                n.isInt = true;
                n.intValue = (long) (double) fv;
            }
            return n;
        }
        throw error("illegal number syntax: " + GoFmt.quote(s));
    }
}
