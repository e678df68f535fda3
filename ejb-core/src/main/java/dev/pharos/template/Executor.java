package dev.pharos.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One execution of a template (Go's exec.go state): the output, the variable stack and the
 * node being evaluated, which error messages quote. Created per call, never shared.
 */
final class Executor {

    static final int MAX_DEPTH = 10_000;
    private static final Object MISSING = new Object();

    /** Unwinds to the top with a finished Go-style message. */
    static final class ExecError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExecError(String msg, Throwable cause) {
            super(msg, cause, false, false);
        }
    }

    private static final class LoopSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoopSignal() {
            super(null, null, false, false);
        }
    }

    private static final LoopSignal BREAK = new LoopSignal();
    private static final LoopSignal CONTINUE = new LoopSignal();

    private final TemplateSet set;
    private final StringBuilder out;
    private final HtmlEscaper html;
    private Tree tmpl;
    private Node node;
    private int depth;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    /** First variable of the current template's frame: invoked templates see no caller variables. */
    private int varBase;

    Executor(TemplateSet set, Tree tmpl, StringBuilder out, HtmlEscaper html) {
        this.set = set;
        this.tmpl = tmpl;
        this.out = out;
        this.html = html;
    }

    void run(Object root) {
        Object data = GoValues.normalize(root);
        varNames.add("$");
        varValues.add(data);
        try {
            walk(data, tmpl.root);
        } catch (StackOverflowError e) {
            throw error("exceeded maximum template depth (100000)");
        }
    }

    // ------------------------------------------------------------ errors

    private ExecError error(String msg) {
        return error(msg, null);
    }

    private ExecError error(String msg, Throwable cause) {
        String name = tmpl.name;
        if (node == null) {
            return new ExecError("template: " + name + ": " + msg, cause);
        }
        return new ExecError("template: " + node.tree.location(node.pos) + ": executing " + GoFmt.quote(name)
                + " at <" + node + ">: " + msg, cause);
    }

    private void at(Node n) {
        node = n;
    }

    // ------------------------------------------------------------ variables

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        while (varNames.size() > mark) {
            varNames.remove(varNames.size() - 1);
            varValues.remove(varValues.size() - 1);
        }
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private void setVar(String name, Object value) {
        for (int i = varNames.size() - 1; i >= varBase; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw error("undefined variable: " + name);
    }

    private void setTopVar(int n, Object value) {
        varValues.set(varValues.size() - n, value);
    }

    private Object varValue(String name) {
        for (int i = varNames.size() - 1; i >= varBase; i--) {
            if (varNames.get(i).equals(name)) {
                return varValues.get(i);
            }
        }
        throw error("undefined variable: " + name);
    }

    // ------------------------------------------------------------ walking

    private void walk(Object dot, Node n) {
        at(n);
        if (n instanceof Node.TextNode) {
            String text = ((Node.TextNode) n).text;
            out.append(html != null ? html.text(n, text) : text);
        } else if (n instanceof Node.ActionNode) {
            Node.ActionNode a = (Node.ActionNode) n;
            if (html != null && a.pipe.decl.isEmpty()) {
                walkHtmlAction(dot, a);
                return;
            }
            Object val = evalPipeline(dot, a.pipe);
            if (a.pipe.decl.isEmpty()) {
                printValue(n, val);
            }
        } else if (n instanceof Node.ListNode) {
            for (Node c : ((Node.ListNode) n).nodes) {
                walk(dot, c);
            }
        } else if (n instanceof Node.BranchNode) {
            Node.BranchNode b = (Node.BranchNode) n;
            if (b.kind == Node.BranchNode.Kind.RANGE) {
                walkRange(dot, b);
            } else {
                walkIfOrWith(dot, b);
            }
        } else if (n instanceof Node.TemplateNode) {
            walkTemplate(dot, (Node.TemplateNode) n);
        } else if (n instanceof Node.BreakNode) {
            throw BREAK;
        } else if (n instanceof Node.ContinueNode) {
            throw CONTINUE;
        } else {
            throw error("unknown node: " + n);
        }
    }

    private void walkIfOrWith(Object dot, Node.BranchNode b) {
        int mark = mark();
        try {
            Object val = evalPipeline(dot, b.pipe);
            if (GoValues.truth(val)) {
                walk(b.kind == Node.BranchNode.Kind.WITH ? val : dot, b.list);
            } else if (b.elseList != null) {
                walk(dot, b.elseList);
            }
        } finally {
            pop(mark);
        }
    }

    private void walkRange(Object dot, Node.BranchNode r) {
        at(r);
        int outer = mark();
        try {
            Object val = evalPipeline(dot, r.pipe);
            int mark = mark();
            if (val instanceof List) {
                List<?> l = (List<?>) val;
                if (!l.isEmpty()) {
                    for (int i = 0; i < l.size(); i++) {
                        if (!oneIteration(r, (long) i, GoValues.normalize(l.get(i)), mark)) {
                            break;
                        }
                    }
                    return;
                }
            } else if (GoValues.asMap(val) != null) {
                Map<?, ?> m = GoValues.asMap(val);
                if (!m.isEmpty()) {
                    for (Object k : GoValues.sortedKeys(m)) {
                        if (!oneIteration(r, k, GoValues.normalize(m.get(k)), mark)) {
                            break;
                        }
                    }
                    return;
                }
            } else if (val != null) {
                throw error("range can't iterate over " + GoFmt.valueString(val));
            }
            if (r.elseList != null) {
                walk(dot, r.elseList);
            }
        } finally {
            pop(outer);
        }
    }

    /** Returns false on {{break}}. */
    private boolean oneIteration(Node.BranchNode r, Object index, Object elem, int mark) {
        List<Node.VariableNode> decl = r.pipe.decl;
        if (!decl.isEmpty()) {
            if (r.pipe.isAssign) {
                setVar(decl.get(0).ident[0], decl.size() > 1 ? index : elem);
            } else {
                setTopVar(1, elem);
            }
        }
        if (decl.size() > 1) {
            if (r.pipe.isAssign) {
                setVar(decl.get(1).ident[0], elem);
            } else {
                setTopVar(2, index);
            }
        }
        try {
            walk(elem, r.list);
        } catch (LoopSignal s) {
            if (s == BREAK) {
                return false;
            }
        } finally {
            pop(mark);
        }
        return true;
    }

    private void walkTemplate(Object dot, Node.TemplateNode t) {
        at(t);
        Tree target = set.lookup(t.name);
        if (target == null) {
            throw error("template " + GoFmt.quote(t.name) + " not defined");
        }
        if (depth >= MAX_DEPTH) {
            throw error("exceeded maximum template depth (100000)");
        }
        Object newDot = evalPipeline(dot, t.pipe);
        Tree savedTmpl = tmpl;
        int savedBase = varBase;
        int frame = mark();
        try {
            tmpl = target;
            depth++;
            varBase = frame;
            push("$", newDot);
            walk(newDot, target.root);
        } finally {
            pop(frame);
            varBase = savedBase;
            tmpl = savedTmpl;
            depth--;
        }
    }

    /** An action in html mode: its escapers replace a trailing html/urlquery they are equivalent to. */
    private void walkHtmlAction(Object dot, Node.ActionNode a) {
        String last = HtmlEscaper.predefinedEscaper(a);
        boolean builtin = last != null && set.functions().get(last) == null;
        HtmlEscaper.Plan plan = html.plan(a, builtin);
        Object val;
        if (plan.predefinedAt() >= 0) {
            val = evalWithoutTrailingEscaper(dot, a.pipe);
        } else {
            val = evalPipeline(dot, a.pipe);
        }
        at(a);
        if (val instanceof TemplateFunction) {
            throw error("can't print " + a + " of type " + GoValues.typeName(val));
        }
        out.append(html.escape(plan, val));
    }

    /** Go's rewrite of {{html a b}} to {{_eval_args_ a b | html}} and of {{x | html}}: the value before html. */
    private Object evalWithoutTrailingEscaper(Object dot, Node.PipeNode pipe) {
        at(pipe);
        List<Node.CommandNode> cmds = pipe.cmds;
        Node.CommandNode last = cmds.get(cmds.size() - 1);
        if (cmds.size() == 1) {
            Object[] vals = new Object[last.args.size() - 1];
            for (int i = 1; i < last.args.size(); i++) {
                vals[i - 1] = evalArg(dot, TemplateFunction.Arg.ANY, last.args.get(i));
            }
            return Builtins.evalArgs(vals);
        }
        Object value = MISSING;
        for (int i = 0; i < cmds.size() - 1; i++) {
            value = evalCommand(dot, cmds.get(i), value);
        }
        return value;
    }

    private void printValue(Node n, Object v) {
        at(n);
        if (v instanceof TemplateFunction) {
            throw error("can't print " + n + " of type " + GoValues.typeName(v));
        }
        if (v == null) {
            out.append("<no value>");
        } else if (v instanceof String) {
            out.append((String) v);
        } else {
            out.append(GoFmt.valueString(v));
        }
    }

    // ------------------------------------------------------------ evaluation

    private Object evalPipeline(Object dot, Node.PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        at(pipe);
        Object value = MISSING;
        for (Node.CommandNode cmd : pipe.cmds) {
            value = evalCommand(dot, cmd, value);
        }
        for (Node.VariableNode v : pipe.decl) {
            if (pipe.isAssign) {
                setVar(v.ident[0], value);
            } else {
                push(v.ident[0], value);
            }
        }
        return value;
    }

    private void notAFunction(List<Node> args, Object fin) {
        if (args.size() > 1 || fin != MISSING) {
            throw error("can't give argument to non-function " + args.get(0));
        }
    }

    private Object evalCommand(Object dot, Node.CommandNode cmd, Object fin) {
        Node first = cmd.args.get(0);
        if (first instanceof Node.FieldNode) {
            return evalFieldNode(dot, (Node.FieldNode) first, cmd.args, fin);
        } else if (first instanceof Node.ChainNode) {
            return evalChainNode(dot, (Node.ChainNode) first, cmd.args, fin);
        } else if (first instanceof Node.IdentifierNode) {
            return evalFunction(dot, (Node.IdentifierNode) first, cmd, cmd.args, fin);
        } else if (first instanceof Node.PipeNode) {
            notAFunction(cmd.args, fin);
            return evalPipeline(dot, (Node.PipeNode) first);
        } else if (first instanceof Node.VariableNode) {
            return evalVariableNode(dot, (Node.VariableNode) first, cmd.args, fin);
        }
        at(first);
        notAFunction(cmd.args, fin);
        if (first instanceof Node.BoolNode) {
            return ((Node.BoolNode) first).value;
        } else if (first instanceof Node.DotNode) {
            return dot;
        } else if (first instanceof Node.NilNode) {
            throw error("nil is not a command");
        } else if (first instanceof Node.NumberNode) {
            return idealConstant((Node.NumberNode) first);
        } else if (first instanceof Node.StringNode) {
            return ((Node.StringNode) first).text;
        }
        throw error("can't evaluate command " + GoFmt.quote(first.toString()));
    }

    private Object idealConstant(Node.NumberNode c) {
        at(c);
        String t = c.text;
        // Go's isHexInt: a hex literal without a binary exponent is an integer even if it has 'e's
        boolean hex = t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')
                && t.indexOf('p') < 0 && t.indexOf('P') < 0;
        if (c.isFloat && !hex && !c.isRune && (t.contains(".") || t.contains("e") || t.contains("E")
                || t.contains("p") || t.contains("P"))) {
            return c.floatValue;
        }
        if (c.isInt) {
            return c.intValue;
        }
        throw error(t + " overflows int");
    }

    private Object evalFieldNode(Object dot, Node.FieldNode field, List<Node> args, Object fin) {
        at(field);
        return evalFieldChain(dot, dot, field, field.ident, 0, args, fin);
    }

    private Object evalChainNode(Object dot, Node.ChainNode chain, List<Node> args, Object fin) {
        at(chain);
        if (chain.node instanceof Node.NilNode) {
            throw error("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, TemplateFunction.Arg.ANY, chain.node);
        return evalFieldChain(dot, pipe, chain, chain.fields.toArray(new String[0]), 0, args, fin);
    }

    private Object evalVariableNode(Object dot, Node.VariableNode v, List<Node> args, Object fin) {
        at(v);
        Object value = varValue(v.ident[0]);
        if (v.ident.length == 1) {
            if (args != null) {
                notAFunction(args, fin);
            } else if (fin != MISSING) {
                throw error("can't give argument to non-function " + v);
            }
            return value;
        }
        return evalFieldChain(dot, value, v, v.ident, 1, args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node n, String[] ident, int from,
            List<Node> args, Object fin) {
        int last = ident.length - 1;
        for (int i = from; i < last; i++) {
            receiver = evalField(dot, ident[i], n, null, MISSING, receiver);
        }
        return evalField(dot, ident[last], n, args, fin, receiver);
    }

    private Object evalField(Object dot, String fieldName, Node n, List<Node> args, Object fin, Object receiver) {
        if (receiver == null) {
            if (set.missingKey() == TemplateSet.MissingKey.ERROR) {
                throw error("nil data; no entry for key " + GoFmt.quote(fieldName));
            }
            return null;
        }
        if (receiver instanceof GoMethods) {
            TemplateFunction m = ((GoMethods) receiver).goMethod(fieldName);
            if (m != null) {
                return evalCall(dot, m, false, n, fieldName, args, fin);
            }
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
        Map<?, ?> map = GoValues.asMap(receiver);
        if (map != null) {
            if (hasArgs) {
                throw error(fieldName + " is not a method but has arguments");
            }
            if (map.containsKey(fieldName)) {
                return GoValues.normalize(map.get(fieldName));
            }
            switch (set.missingKey()) {
                case ZERO:
                    return GoValues.zeroOf(map);
                case ERROR:
                    throw error("map has no entry for key " + GoFmt.quote(fieldName));
                default:
                    return null;
            }
        }
        GoStruct s = GoValues.asStruct(receiver);
        if (s != null) {
            Object f;
            try {
                f = s.goField(fieldName);
            } catch (RuntimeException e) {
                throw error("error reading field " + fieldName + ": " + message(e), e);
            }
            if (f != GoStruct.NO_FIELD) {
                if (hasArgs) {
                    throw error(fieldName + " has arguments but cannot be invoked as function");
                }
                return GoValues.normalize(f);
            }
        }
        throw error("can't evaluate field " + fieldName + " in type " + GoValues.typeName(receiver));
    }

    private Object evalFunction(Object dot, Node.IdentifierNode id, Node cmd, List<Node> args, Object fin) {
        at(id);
        String name = id.ident;
        TemplateFunction f = set.functions().get(name);
        boolean builtin = false;
        if (f == null) {
            f = Builtins.get(name);
            builtin = true;
        }
        if (f == null) {
            throw error(GoFmt.quote(name) + " is not a defined function");
        }
        return evalCall(dot, f, builtin, cmd, name, args, fin);
    }

    private Object evalCall(Object dot, TemplateFunction fun, boolean isBuiltin, Node n, String name,
            List<Node> argNodes, Object fin) {
        List<Node> args = argNodes == null || argNodes.isEmpty() ? List.of() : argNodes.subList(1, argNodes.size());
        TemplateFunction.Arg[] params = fun.params;
        int numIn = args.size() + (fin != MISSING ? 1 : 0);
        int numFixed = args.size();
        if (fun.variadic) {
            numFixed = params.length - 1;
            if (numIn < numFixed) {
                throw error("wrong number of args for " + name + ": want at least " + (params.length - 1) + " got "
                        + args.size());
            }
        } else if (numIn != params.length) {
            throw error("wrong number of args for " + name + ": want " + params.length + " got " + numIn);
        }

        if (isBuiltin && (name.equals("and") || name.equals("or"))) {
            Object v = null;
            for (Node a : args) {
                v = evalArg(dot, params[0], a);
                if (GoValues.truth(v) == name.equals("or")) {
                    return v;
                }
            }
            if (fin != MISSING) {
                v = validateType(fin, params[0]);
            }
            return v;
        }

        Object[] argv = new Object[numIn];
        int i = 0;
        for (; i < numFixed && i < args.size(); i++) {
            argv[i] = evalArg(dot, params[i], args.get(i));
        }
        if (fun.variadic) {
            TemplateFunction.Arg t = params[params.length - 1];
            for (; i < args.size(); i++) {
                argv[i] = evalArg(dot, t, args.get(i));
            }
        }
        if (fin != MISSING) {
            TemplateFunction.Arg t = params[params.length - 1];
            if (fun.variadic && numIn - 1 < numFixed) {
                t = params[numIn - 1];
            }
            argv[i] = validateType(fin, t);
        }
        if (isBuiltin && name.equals("call")) {
            return callBuiltin(n, argv);
        }
        try {
            return GoValues.normalize(fun.body.apply(argv));
        } catch (ExecError e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            at(n);
            throw error("error calling " + name + ": " + message(e), e);
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m != null ? m : e.toString();
    }

    /** The builtin call: the first argument must be a function value. */
    private Object callBuiltin(Node n, Object[] argv) {
        Object fn = argv[0];
        if (fn == null) {
            at(n);
            throw error("error calling call: call of nil");
        }
        if (!(fn instanceof TemplateFunction)) {
            at(n);
            throw error("error calling call: non-function of type " + GoValues.typeName(fn));
        }
        TemplateFunction f = (TemplateFunction) fn;
        Object[] rest = java.util.Arrays.copyOfRange(argv, 1, argv.length);
        int fixed = f.variadic ? f.params.length - 1 : f.params.length;
        if (f.variadic ? rest.length < fixed : rest.length != fixed) {
            at(n);
            throw error("error calling call: wrong number of args: got " + rest.length + " want " + fixed);
        }
        for (int k = 0; k < rest.length; k++) {
            TemplateFunction.Arg t = k < fixed ? f.params[k] : f.params[f.params.length - 1];
            String bad = typeMismatch(rest[k], t);
            if (bad != null) {
                at(n);
                throw error("error calling call: arg " + k + ": value has type " + GoValues.typeName(rest[k])
                        + "; should be " + t.goName);
            }
        }
        try {
            return GoValues.normalize(f.body.apply(rest));
        } catch (ExecError e) {
            throw e;
        } catch (Exception e) {
            at(n);
            throw error("error calling call: " + message(e), e);
        }
    }

    private Object evalArg(Object dot, TemplateFunction.Arg typ, Node n) {
        at(n);
        if (n instanceof Node.DotNode) {
            return validateType(dot, typ);
        } else if (n instanceof Node.NilNode) {
            if (canBeNil(typ)) {
                return null;
            }
            throw error("cannot assign nil to " + typ.goName);
        } else if (n instanceof Node.FieldNode) {
            return validateType(evalFieldNode(dot, (Node.FieldNode) n, List.of(n), MISSING), typ);
        } else if (n instanceof Node.VariableNode) {
            return validateType(evalVariableNode(dot, (Node.VariableNode) n, null, MISSING), typ);
        } else if (n instanceof Node.PipeNode) {
            return validateType(evalPipeline(dot, (Node.PipeNode) n), typ);
        } else if (n instanceof Node.IdentifierNode) {
            return validateType(evalFunction(dot, (Node.IdentifierNode) n, n, null, MISSING), typ);
        } else if (n instanceof Node.ChainNode) {
            return validateType(evalChainNode(dot, (Node.ChainNode) n, null, MISSING), typ);
        }
        switch (typ) {
            case BOOL:
                if (n instanceof Node.BoolNode) {
                    return ((Node.BoolNode) n).value;
                }
                throw error("expected bool; found " + n);
            case STRING:
                if (n instanceof Node.StringNode) {
                    return ((Node.StringNode) n).text;
                }
                throw error("expected string; found " + n);
            case INT:
                if (n instanceof Node.NumberNode && ((Node.NumberNode) n).isInt) {
                    return ((Node.NumberNode) n).intValue;
                }
                throw error("expected integer; found " + n);
            case FLOAT:
                if (n instanceof Node.NumberNode && ((Node.NumberNode) n).isFloat) {
                    return ((Node.NumberNode) n).floatValue;
                }
                throw error("expected float; found " + n);
            case ANY:
            case VALUE:
                if (n instanceof Node.BoolNode) {
                    return ((Node.BoolNode) n).value;
                } else if (n instanceof Node.NumberNode) {
                    return idealConstant((Node.NumberNode) n);
                } else if (n instanceof Node.StringNode) {
                    return ((Node.StringNode) n).text;
                }
                throw error("can't handle assignment of " + n + " to empty interface argument");
            default:
                throw error("can't handle " + n + " for arg of type " + typ.goName);
        }
    }

    private static boolean canBeNil(TemplateFunction.Arg typ) {
        return typ == TemplateFunction.Arg.ANY || typ == TemplateFunction.Arg.STRINGS
                || typ == TemplateFunction.Arg.LIST;
    }

    /** Go's validateType: a value from data must already have the parameter's type. */
    private Object validateType(Object value, TemplateFunction.Arg typ) {
        if (value == null) {
            if (canBeNil(typ) || typ == TemplateFunction.Arg.VALUE) {
                return null;
            }
            throw error("invalid value; expected " + typ.goName);
        }
        String bad = typeMismatch(value, typ);
        if (bad != null) {
            throw error("wrong type for value; expected " + typ.goName + "; got " + GoValues.typeName(value));
        }
        return value;
    }

    private static String typeMismatch(Object value, TemplateFunction.Arg typ) {
        boolean ok;
        switch (typ) {
            case STRING:
                ok = value instanceof String;
                break;
            case INT:
                ok = GoValues.isInt(value);
                break;
            case FLOAT:
                ok = GoValues.isFloat(value);
                break;
            case BOOL:
                ok = value instanceof Boolean;
                break;
            case STRINGS:
                ok = value == null || value instanceof List && ((List<?>) value).stream().allMatch(e -> e instanceof String);
                break;
            case LIST:
                ok = value == null || value instanceof List;
                break;
            case TIME:
                ok = value instanceof GoTime;
                break;
            default:
                ok = true;
        }
        return ok ? null : typ.goName;
    }
}
