package dev.pharos.promql.parser;

import dev.pharos.model.LabelMatcher;
import dev.pharos.model.Labels;
import dev.pharos.model.MatchType;
import dev.pharos.promql.ast.AggregateExpr;
import dev.pharos.promql.ast.AggregateOp;
import dev.pharos.promql.ast.AtModifier;
import dev.pharos.promql.ast.BinaryExpr;
import dev.pharos.promql.ast.BinaryOp;
import dev.pharos.promql.ast.Call;
import dev.pharos.promql.ast.Expr;
import dev.pharos.promql.ast.Function;
import dev.pharos.promql.ast.MatrixSelector;
import dev.pharos.promql.ast.NumberLiteral;
import dev.pharos.promql.ast.ParenExpr;
import dev.pharos.promql.ast.StringLiteral;
import dev.pharos.promql.ast.SubqueryExpr;
import dev.pharos.promql.ast.UnaryExpr;
import dev.pharos.promql.ast.ValueType;
import dev.pharos.promql.ast.VectorMatching;
import dev.pharos.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent PromQL parser with precedence climbing for binary operators, and the
 * type checks Prometheus does at parse time. Thread-safe: each call uses its own state.
 */
public final class Parser {
    private static final int UNARY_PRECEDENCE = 5; // unary minus binds like '*', below '^'

    private final String query;
    private final List<Token> toks;
    private int i;
    private boolean allowEmptySelector;

    private Parser(String query) {
        this.query = query;
        this.toks = new Lexer(query).tokenize();
    }

    /** Parses and type-checks a whole expression. */
    public static Expr parse(String query) {
        Parser p = new Parser(query);
        if (p.peek().kind == Token.Kind.EOF) {
            throw new ParseException(query, 0, "no expression found in input");
        }
        Expr e = p.expr(0);
        if (p.peek().kind != Token.Kind.EOF) {
            Token t = p.peek();
            switch (t.kind) {
                case RPAREN -> throw new ParseException(query, t.start, "unexpected right parenthesis ')'");
                case RBRACKET -> throw new ParseException(query, t.start, "unexpected right bracket ']'");
                case RBRACE -> throw new ParseException(query, t.start, "unexpected right brace '}'");
                default -> throw p.unexpected(t, null);
            }
        }
        return e;
    }

    /** Parses a series description {@code metric{a="b"}} as used by test scripts and the API's match[] parameter. */
    public static VectorSelector parseSelector(String text) {
        Parser p = new Parser(text);
        p.allowEmptySelector = true;
        Expr e = p.primary();
        if (!(e instanceof VectorSelector vs) || p.peek().kind != Token.Kind.EOF) {
            throw new ParseException(text, 0, "expected a vector selector");
        }
        return vs;
    }

    /** Parses a metric description for test data: name and labels, allowing labels with empty values. */
    public static Labels parseMetric(String text) {
        VectorSelector vs = parseSelector(text);
        Labels.Builder b = new Labels.Builder();
        for (LabelMatcher m : vs.matchers) {
            if (m.type() != MatchType.EQUAL) {
                throw new ParseException(text, 0, "expected only equality matchers in series description");
            }
            b.set(m.name(), m.value());
        }
        return b.build();
    }

    // ---- token helpers

    private Token peek() {
        return toks.get(i);
    }

    private Token peek(int ahead) {
        return toks.get(Math.min(i + ahead, toks.size() - 1));
    }

    private Token advance() {
        Token t = toks.get(i);
        if (t.kind != Token.Kind.EOF) {
            i++;
        }
        return t;
    }

    private Token prev() {
        return toks.get(i - 1);
    }

    private ParseException error(int pos, String msg) {
        return new ParseException(query, pos, msg);
    }

    private ParseException unexpected(Token t, String context) {
        if (t.kind == Token.Kind.EOF && context != null
                && (context.equals("paren expression") || context.equals("function call") || context.equals("aggregation"))) {
            return error(t.start, "unclosed left parenthesis");
        }
        if (t.kind == Token.Kind.EOF && context != null && context.equals("label matching")) {
            return error(t.start, "unexpected end of input inside braces");
        }
        String msg = "unexpected " + t.describe();
        if (context != null) {
            msg += " in " + context;
        }
        return error(t.start, msg);
    }

    private Token expect(Token.Kind k, String context) {
        Token t = peek();
        if (t.kind != k) {
            String ctx = context;
            throw unexpected(t, ctx);
        }
        return advance();
    }

    // ---- expressions

    private BinaryOp binaryOp(Token t) {
        if (t.kind == Token.Kind.OP) {
            return switch (t.text) {
                case "+" -> BinaryOp.ADD;
                case "-" -> BinaryOp.SUB;
                case "*" -> BinaryOp.MUL;
                case "/" -> BinaryOp.DIV;
                case "%" -> BinaryOp.MOD;
                case "^" -> BinaryOp.POW;
                case "==" -> BinaryOp.EQLC;
                case "!=" -> BinaryOp.NEQ;
                case "<" -> BinaryOp.LSS;
                case "<=" -> BinaryOp.LTE;
                case ">" -> BinaryOp.GTR;
                case ">=" -> BinaryOp.GTE;
                default -> null;
            };
        }
        if (t.kind == Token.Kind.IDENT) {
            return switch (t.text.toLowerCase(java.util.Locale.ROOT)) {
                case "and" -> BinaryOp.AND;
                case "or" -> BinaryOp.OR;
                case "unless" -> BinaryOp.UNLESS;
                case "atan2" -> BinaryOp.ATAN2;
                default -> null;
            };
        }
        return null;
    }

    private Expr expr(int minPrec) {
        Expr lhs = unary();
        while (true) {
            Token t = peek();
            BinaryOp op = binaryOp(t);
            if (op == null || op.precedence < minPrec) {
                if (t.isOp("=")) {
                    throw error(t.start, "unexpected \"=\"");
                }
                return lhs;
            }
            advance();
            boolean returnBool = false;
            VectorMatching m = new VectorMatching();
            if (peek().isWord("bool")) {
                advance();
                returnBool = true;
            }
            if (peek().isWord("on") || peek().isWord("ignoring")) {
                m.on = advance().text.equalsIgnoreCase("on");
                m.explicit = true;
                m.matchingLabels = labelList("grouping opts");
                if (peek().isWord("group_left") || peek().isWord("group_right")) {
                    m.card = advance().text.equalsIgnoreCase("group_left") ? VectorMatching.Card.MANY_TO_ONE : VectorMatching.Card.ONE_TO_MANY;
                    if (peek().kind == Token.Kind.LPAREN) {
                        m.include = labelList("grouping opts");
                    }
                }
            } else if (peek().isWord("group_left") || peek().isWord("group_right")) {
                throw unexpected(peek(), "binary expression");
            }
            while ((peek().isWord("fill") || peek().isWord("fill_left") || peek().isWord("fill_right"))
                    && peek(1).kind == Token.Kind.LPAREN) {
                String which = advance().text.toLowerCase(java.util.Locale.ROOT);
                advance();
                Expr v = expr(0);
                if (!(v instanceof NumberLiteral nl)) {
                    throw error(v.start, "fill modifier value must be a number literal");
                }
                expect(Token.Kind.RPAREN, "fill modifier");
                if (!which.equals("fill_right")) {
                    m.fillLeft = nl.value;
                }
                if (!which.equals("fill_left")) {
                    m.fillRight = nl.value;
                }
                m.explicit = m.explicit || false;
            }
            int next = op.rightAssociative() ? op.precedence : op.precedence + 1;
            Expr rhs = expr(next);
            lhs = binary(op, lhs, rhs, returnBool, m, t);
        }
    }

    private Expr binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching m, Token opTok) {
        BinaryExpr b = new BinaryExpr(op, lhs, rhs);
        b.start = lhs.start;
        b.end = rhs.end;
        b.returnBool = returnBool;
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        if (returnBool && !op.isComparison()) {
            throw error(b.start, "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw error(b.start, "comparisons between scalars must use BOOL modifier");
        }
        if ((lt != ValueType.SCALAR && lt != ValueType.VECTOR) || (rt != ValueType.SCALAR && rt != ValueType.VECTOR)) {
            throw error(b.start, "binary expression must contain only scalar and instant vector types");
        }
        if (op.isSetOperator() && (lt == ValueType.SCALAR || rt == ValueType.SCALAR)) {
            throw error(b.start, "set operator \"" + op.symbol + "\" not allowed in binary scalar expression");
        }
        if (lt == ValueType.VECTOR && rt == ValueType.VECTOR) {
            if (op.isSetOperator()) {
                if (m.fillLeft != null || m.fillRight != null) {
                    throw error(b.start, "fill modifiers are not allowed for set operator \"" + op.symbol + "\"");
                }
                if (m.card == VectorMatching.Card.MANY_TO_ONE || m.card == VectorMatching.Card.ONE_TO_MANY) {
                    throw error(b.start, "no grouping allowed for \"" + op.symbol + "\" operation");
                }
                m.card = VectorMatching.Card.MANY_TO_MANY;
            }
            if (m.on) {
                for (String l : m.matchingLabels) {
                    if (m.include.contains(l)) {
                        throw error(b.start, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
                    }
                }
            }
            b.matching = m;
        } else {
            if (!m.matchingLabels.isEmpty() || m.card != VectorMatching.Card.ONE_TO_ONE || m.fillLeft != null || m.fillRight != null) {
                throw error(b.start, "vector matching only allowed between instant vectors");
            }
            b.matching = null;
        }
        return b;
    }

    private Expr unary() {
        Token t = peek();
        if (t.isOp("-") || t.isOp("+")) {
            advance();
            Expr operand = expr(UNARY_PRECEDENCE + 1);
            if (operand instanceof NumberLiteral nl) {
                if (t.text.equals("-")) {
                    nl.value = -nl.value;
                }
                nl.start = t.start;
                return nl;
            }
            ValueType vt = operand.type();
            if (vt != ValueType.SCALAR && vt != ValueType.VECTOR) {
                throw error(t.start, "unary expression only allowed on expressions of type scalar or instant vector, got \"" + vt.text() + "\"");
            }
            UnaryExpr u = new UnaryExpr(t.text.charAt(0), operand);
            u.start = t.start;
            u.end = operand.end;
            return u;
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.kind == Token.Kind.LBRACKET) {
                e = rangeOrSubquery(e);
            } else if (t.isWord("offset")) {
                advance();
                Expr de = offsetExpr();
                long d = 0;
                if (DurationExpressions.isConstant(de)) {
                    d = DurationExpressions.toMillis(DurationExpressions.seconds(de, 0, 0));
                    de = null;
                }
                setOffset(e, d, t);
                if (de != null) {
                    setOffsetExpr(e, de);
                }
                e.end = prev().end;
            } else if (t.isOp("@")) {
                advance();
                setAt(e, t);
                e.end = prev().end;
            } else if ((t.isWord("anchored") || t.isWord("smoothed")) && (e instanceof MatrixSelector || e instanceof VectorSelector)) {
                advance();
                boolean anchored = t.isWord("anchored");
                if (e instanceof MatrixSelector ms) {
                    ms.anchored |= anchored;
                    ms.smoothed |= !anchored;
                } else if (!anchored) {
                    ((VectorSelector) e).smoothed = true;
                } else {
                    throw error(t.start, "anchored modifier can only be used with range vector selectors");
                }
                e.end = t.end;
            } else {
                return e;
            }
        }
    }

    private void setOffsetExpr(Expr e, Expr de) {
        if (e instanceof VectorSelector vs) {
            vs.offsetExpr = de;
        } else if (e instanceof MatrixSelector ms) {
            ms.selector.offsetExpr = de;
        } else if (e instanceof SubqueryExpr sq) {
            sq.offsetExpr = de;
        }
    }

    /** The operand of offset: a signed duration, number, parenthesised duration expression or step()/range()/min_of/max_of call. */
    private Expr offsetExpr() {
        Token t = peek();
        if (t.isOp("-") || t.isOp("+")) {
            advance();
            Expr inner = offsetPrimary();
            if (t.text.equals("-")) {
                if (inner instanceof NumberLiteral nl) {
                    nl.value = -nl.value;
                    return nl;
                }
                UnaryExpr u = new UnaryExpr('-', inner);
                u.start = t.start;
                u.end = inner.end;
                return u;
            }
            return inner;
        }
        return offsetPrimary();
    }

    private Expr offsetPrimary() {
        Token t = peek();
        Expr e;
        if (t.kind == Token.Kind.NUMBER || t.kind == Token.Kind.DURATION) {
            advance();
            NumberLiteral n = new NumberLiteral(t.number);
            n.start = t.start;
            n.end = t.end;
            return n;
        } else if (t.kind == Token.Kind.LPAREN || (t.kind == Token.Kind.IDENT && peek(1).kind == Token.Kind.LPAREN)) {
            e = t.kind == Token.Kind.LPAREN ? primary() : call();
        } else {
            throw unexpected(t, "offset");
        }
        checkDurationExpr(e);
        return e;
    }

    private void checkDurationExpr(Expr e) {
        Expr bad = DurationExpressions.invalidNode(e);
        if (bad != null) {
            throw error(bad.start, "unexpected " + bad + " in duration expression");
        }
    }

    /** A range or subquery duration: a literal, or (Prometheus 3) a duration expression. Returns ms or the deferred expression. */
    private Object durationOrExpr(String context) {
        Token t = peek();
        if ((t.kind == Token.Kind.DURATION || t.kind == Token.Kind.NUMBER)
                && (peek(1).kind == Token.Kind.RBRACKET || peek(1).kind == Token.Kind.COLON)) {
            return duration(context);
        }
        if (t.kind == Token.Kind.RBRACKET || t.kind == Token.Kind.COLON || t.kind == Token.Kind.EOF) {
            throw unexpected(t, context);
        }
        Expr e = expr(0);
        checkDurationExpr(e);
        if (DurationExpressions.isConstant(e)) {
            return DurationExpressions.toMillis(DurationExpressions.seconds(e, 0, 0));
        }
        return e;
    }

    private void setOffset(Expr e, long d, Token at) {
        if (e instanceof VectorSelector vs) {
            if (vs.offsetSet) {
                throw error(at.start, "offset may not be set multiple times");
            }
            vs.offset = d;
            vs.offsetSet = true;
        } else if (e instanceof MatrixSelector ms) {
            if (ms.selector.offsetSet) {
                throw error(at.start, "offset may not be set multiple times");
            }
            ms.selector.offset = d;
            ms.selector.offsetSet = true;
        } else if (e instanceof SubqueryExpr sq) {
            if (sq.offsetSet) {
                throw error(at.start, "offset may not be set multiple times");
            }
            sq.offset = d;
            sq.offsetSet = true;
        } else {
            throw error(at.start, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        }
    }

    private void setAt(Expr e, Token atTok) {
        Long ts = null;
        int se = AtModifier.NONE;
        Token t = peek();
        if ((t.isWord("start") || t.isWord("end")) && peek(1).kind == Token.Kind.LPAREN) {
            advance();
            advance();
            expect(Token.Kind.RPAREN, "@ modifier");
            se = t.text.equalsIgnoreCase("start") ? AtModifier.START : AtModifier.END;
        } else {
            boolean neg = false;
            if (t.isOp("-") || t.isOp("+")) {
                neg = t.text.equals("-");
                advance();
                t = peek();
            }
            double v;
            if (t.kind == Token.Kind.NUMBER || t.kind == Token.Kind.DURATION) {
                v = t.number;
                advance();
            } else if (t.kind == Token.Kind.IDENT && (t.text.equalsIgnoreCase("inf") || t.text.equalsIgnoreCase("nan"))) {
                throw error(t.start, "timestamp out of bounds for @ modifier: " + t.text);
            } else {
                throw unexpected(t, "@");
            }
            if (neg) {
                v = -v;
            }
            if (Double.isInfinite(v) || Double.isNaN(v) || Math.abs(v) * 1000 > Long.MAX_VALUE) {
                throw error(t.start, "timestamp out of bounds for @ modifier: " + v);
            }
            ts = Math.round(v * 1000);
        }
        if (e instanceof VectorSelector vs) {
            if (vs.hasAt()) {
                throw error(atTok.start, "@ <timestamp> may not be set multiple times");
            }
            vs.timestamp = ts;
            vs.startOrEnd = se;
        } else if (e instanceof MatrixSelector ms) {
            if (ms.selector.hasAt()) {
                throw error(atTok.start, "@ <timestamp> may not be set multiple times");
            }
            ms.selector.timestamp = ts;
            ms.selector.startOrEnd = se;
        } else if (e instanceof SubqueryExpr sq) {
            if (sq.hasAt()) {
                throw error(atTok.start, "@ <timestamp> may not be set multiple times");
            }
            sq.timestamp = ts;
            sq.startOrEnd = se;
        } else {
            throw error(atTok.start, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        }
    }

    /** A duration: a duration literal or a number of seconds. */
    private long duration(String context) {
        Token t = peek();
        if (t.kind == Token.Kind.DURATION) {
            advance();
            return t.durationMs;
        }
        if (t.kind == Token.Kind.NUMBER) {
            advance();
            double ms = t.number * 1000;
            if (Double.isNaN(ms) || Double.isInfinite(ms) || Math.abs(ms) > Long.MAX_VALUE / 2) {
                throw error(t.start, "duration out of range");
            }
            return Math.round(ms);
        }
        throw unexpected(t, context);
    }

    private Expr rangeOrSubquery(Expr e) {
        Token open = advance();
        Object r = durationOrExpr("range");
        long range = r instanceof Long l ? l : 1;
        Expr rangeExpr = r instanceof Expr x ? x : null;
        if (peek().kind == Token.Kind.COLON) {
            advance();
            long step = 0;
            Expr stepExpr = null;
            if (peek().kind != Token.Kind.RBRACKET) {
                Object s = durationOrExpr("subquery");
                if (s instanceof Long l) {
                    step = l;
                } else {
                    stepExpr = (Expr) s;
                }
            }
            Token close = expect(Token.Kind.RBRACKET, "subquery selector");
            if (range <= 0) {
                throw error(open.start, "duration must be greater than 0");
            }
            ValueType t = e.type();
            if (t != ValueType.VECTOR) {
                throw error(e.start, "subquery is only allowed on instant vector, got " + t.text() + " instead");
            }
            SubqueryExpr sq = new SubqueryExpr(e, range, step);
            sq.rangeExpr = rangeExpr;
            sq.stepExpr = stepExpr;
            sq.start = e.start;
            sq.end = close.end;
            return sq;
        }
        Token close = peek();
        if (close.kind != Token.Kind.RBRACKET) {
            throw unexpected(close, "matrix selector");
        }
        advance();
        if (!(e instanceof VectorSelector vs)) {
            throw error(e.start, "ranges only allowed for vector selectors");
        }
        if (vs.offsetSet) {
            throw error(open.start, "no offset modifiers allowed before range");
        }
        if (vs.hasAt()) {
            throw error(open.start, "no @ modifiers allowed before range");
        }
        if (range <= 0) {
            throw error(open.start, "range must be greater than 0");
        }
        MatrixSelector ms = new MatrixSelector(vs, range);
        ms.rangeExpr = rangeExpr;
        ms.start = vs.start;
        ms.end = close.end;
        return ms;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind) {
            case NUMBER, DURATION -> {
                advance();
                NumberLiteral n = new NumberLiteral(t.number);
                n.start = t.start;
                n.end = t.end;
                return n;
            }
            case STRING -> {
                advance();
                StringLiteral s = new StringLiteral(t.text);
                s.start = t.start;
                s.end = t.end;
                return s;
            }
            case LPAREN -> {
                advance();
                Expr inner = expr(0);
                Token close = peek();
                if (close.kind != Token.Kind.RPAREN) {
                    throw unexpected(close, "paren expression");
                }
                advance();
                ParenExpr p = new ParenExpr(inner);
                p.start = t.start;
                p.end = close.end;
                return p;
            }
            case LBRACE -> {
                return selector(null, t.start);
            }
            case IDENT -> {
                String lower = t.text.toLowerCase(java.util.Locale.ROOT);
                if (lower.equals("inf") || lower.equals("nan")) {
                    advance();
                    NumberLiteral n = new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
                    n.start = t.start;
                    n.end = t.end;
                    return n;
                }
                AggregateOp agg = AggregateOp.fromText(t.text);
                if (agg != null && (peek(1).kind == Token.Kind.LPAREN || peek(1).isWord("by") || peek(1).isWord("without"))) {
                    return aggregation(agg);
                }
                if (peek(1).kind == Token.Kind.LPAREN) {
                    return call();
                }
                if (agg != null || isKeyword(lower)) {
                    advance();
                    throw unexpected(peek(), agg != null ? "aggregation" : null);
                }
                advance();
                return selector(t.text, t.start);
            }
            case EOF -> throw error(t.start, "unexpected end of input");
            default -> throw unexpected(t, null);
        }
    }

    private static boolean isKeyword(String w) {
        return switch (w) {
            case "and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset" -> true;
            default -> false;
        };
    }

    private Expr selector(String name, int start) {
        List<LabelMatcher> matchers = new ArrayList<>();
        int end = name != null ? prev().end : start;
        String metricName = name;
        if (peek().kind == Token.Kind.LBRACE) {
            advance();
            while (peek().kind != Token.Kind.RBRACE) {
                Token lt = peek();
                String label;
                if (lt.kind == Token.Kind.IDENT) {
                    label = lt.text;
                    advance();
                } else if (lt.kind == Token.Kind.STRING) {
                    label = lt.text;
                    advance();
                    if (peek().kind == Token.Kind.COMMA || peek().kind == Token.Kind.RBRACE) {
                        // A lone quoted string is the metric name.
                        if (metricName != null) {
                            throw error(lt.start, "metric name must not be set twice: \"" + metricName + "\" or \"" + label + "\"");
                        }
                        metricName = label;
                        if (peek().kind == Token.Kind.COMMA) {
                            advance();
                        }
                        continue;
                    }
                } else {
                    throw unexpected(lt, "label matching");
                }
                Token op = peek();
                MatchType mt;
                if (op.isOp("=")) {
                    mt = MatchType.EQUAL;
                } else if (op.isOp("!=")) {
                    mt = MatchType.NOT_EQUAL;
                } else if (op.isOp("=~")) {
                    mt = MatchType.REGEX;
                } else if (op.isOp("!~")) {
                    mt = MatchType.NOT_REGEX;
                } else {
                    throw error(op.start, "unexpected " + op.describe() + " in label matching, expected label matching operator");
                }
                advance();
                Token vt = peek();
                if (vt.kind != Token.Kind.STRING) {
                    throw error(vt.start, "unexpected " + vt.describe() + " in label matching, expected string");
                }
                advance();
                try {
                    matchers.add(new LabelMatcher(mt, label, vt.text));
                } catch (PatternSyntaxException e) {
                    throw error(vt.start, "invalid regular expression in label matcher: " + e.getDescription());
                }
                if (peek().kind == Token.Kind.COMMA) {
                    advance();
                } else if (peek().kind == Token.Kind.EOF) {
                    throw error(peek().start, "unexpected end of input inside braces");
                } else if (peek().kind != Token.Kind.RBRACE) {
                    throw error(peek().start, "unexpected " + peek().describe() + " in label matching, expected \",\" or \"}\"");
                }
            }
            end = advance().end;
        }
        if (metricName != null) {
            for (LabelMatcher m : matchers) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    throw error(start, "metric name must not be set twice: \"" + metricName + "\" or \"" + m.value() + "\"");
                }
            }
            matchers.add(0, LabelMatcher.equal(Labels.METRIC_NAME, metricName));
        }
        boolean nonEmpty = false;
        for (LabelMatcher m : matchers) {
            if (!m.matchesEmpty()) {
                nonEmpty = true;
                break;
            }
        }
        if (!nonEmpty && !allowEmptySelector) {
            throw error(start, "vector selector must contain at least one non-empty matcher");
        }
        VectorSelector vs = new VectorSelector(metricName, matchers);
        vs.start = start;
        vs.end = end;
        return vs;
    }

    private List<String> labelList(String context) {
        expect(Token.Kind.LPAREN, context);
        List<String> out = new ArrayList<>();
        while (peek().kind != Token.Kind.RPAREN) {
            Token t = peek();
            if (t.kind == Token.Kind.IDENT || t.kind == Token.Kind.STRING) {
                if (t.kind == Token.Kind.IDENT && t.text.indexOf(':') >= 0) {
                    throw error(t.start, "unexpected identifier \"" + t.text + "\" in grouping opts, expected label");
                }
                out.add(t.text);
                advance();
            } else {
                throw error(t.start, "unexpected " + t.describe() + " in " + context + ", expected label");
            }
            if (peek().kind == Token.Kind.COMMA) {
                advance();
            } else if (peek().kind != Token.Kind.RPAREN) {
                throw error(peek().start, "unexpected " + peek().describe() + " in " + context + ", expected \")\" or \",\"");
            }
        }
        advance();
        return out;
    }

    private Expr aggregation(AggregateOp op) {
        Token opTok = advance();
        List<String> grouping = new ArrayList<>();
        boolean without = false;
        boolean written = false;
        if (peek().isWord("by") || peek().isWord("without")) {
            without = advance().text.equalsIgnoreCase("without");
            grouping = labelList("grouping opts");
            written = true;
        }
        Token open = peek();
        if (open.kind != Token.Kind.LPAREN) {
            throw unexpected(open, "aggregation");
        }
        advance();
        List<Expr> args = new ArrayList<>();
        if (peek().kind != Token.Kind.RPAREN) {
            args.add(expr(0));
            while (peek().kind == Token.Kind.COMMA) {
                advance();
                if (peek().kind == Token.Kind.RPAREN) {
                    break;
                }
                args.add(expr(0));
            }
        }
        Token close = peek();
        if (close.kind != Token.Kind.RPAREN) {
            throw unexpected(close, "aggregation");
        }
        advance();
        int end = close.end;
        if (peek().isWord("by") || peek().isWord("without")) {
            if (written) {
                throw error(peek().start, "unexpected " + peek().describe() + " in aggregation");
            }
            without = advance().text.equalsIgnoreCase("without");
            grouping = labelList("grouping opts");
            written = true;
            end = prev().end;
        }
        Expr param = null;
        Expr body;
        if (op.hasParam()) {
            if (args.size() != 2) {
                throw error(opTok.start, "wrong number of arguments for aggregate expression provided, expected 2, got " + args.size());
            }
            param = args.get(0);
            body = args.get(1);
            ValueType want = op == AggregateOp.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
            if (param.type() != want) {
                throw error(param.start, "expected type " + want.text() + " in aggregation parameter, got " + param.type().text());
            }
        } else {
            if (args.size() != 1) {
                throw error(opTok.start, "wrong number of arguments for aggregate expression provided, expected 1, got " + args.size());
            }
            body = args.get(0);
        }
        if (body.type() != ValueType.VECTOR) {
            throw error(body.start, "expected type instant vector in aggregation expression, got " + body.type().text());
        }
        AggregateExpr a = new AggregateExpr(op, body, param, grouping, without, written);
        a.start = opTok.start;
        a.end = end;
        return a;
    }

    private Expr call() {
        Token nameTok = advance();
        Function f = Function.get(nameTok.text);
        String lower = nameTok.text.toLowerCase(java.util.Locale.ROOT);
        if (f == null && (lower.equals("step") || lower.equals("range"))) {
            f = Function.get(lower);
        }
        if (f == null) {
            throw error(nameTok.start, "unknown function with name \"" + nameTok.text + "\"");
        }
        advance(); // (
        List<Expr> args = new ArrayList<>();
        boolean info = f.name.equals("info");
        if (peek().kind != Token.Kind.RPAREN) {
            args.add(expr(0));
            while (peek().kind == Token.Kind.COMMA) {
                advance();
                if (peek().kind == Token.Kind.RPAREN) {
                    break;
                }
                // info()'s data-label selector may consist of matchers that accept empty values.
                boolean saved = allowEmptySelector;
                allowEmptySelector = saved || info;
                try {
                    args.add(expr(0));
                } finally {
                    allowEmptySelector = saved;
                }
            }
        }
        Token close = peek();
        if (close.kind != Token.Kind.RPAREN) {
            throw unexpected(close, "function call");
        }
        advance();
        int nargs = f.argTypes.length;
        if (f.variadic == 0) {
            if (nargs != args.size()) {
                throw error(nameTok.start, "expected " + nargs + " argument(s) in call to \"" + f.name + "\", got " + args.size());
            }
        } else {
            int na = nargs - 1;
            if (na > args.size()) {
                throw error(nameTok.start, "expected at least " + na + " argument(s) in call to \"" + f.name + "\", got " + args.size());
            }
            int max = na + f.variadic;
            if (f.variadic > 0 && max < args.size()) {
                throw error(nameTok.start, "expected at most " + max + " argument(s) in call to \"" + f.name + "\", got " + args.size());
            }
        }
        for (int k = 0; k < args.size(); k++) {
            ValueType want = f.argTypes[Math.min(k, nargs - 1)];
            Expr a = args.get(k);
            if (a.type() != want) {
                throw error(a.start, "expected type " + want.text() + " in call to function \"" + f.name + "\", got " + a.type().text());
            }
        }
        Call c = new Call(f, args);
        c.start = nameTok.start;
        c.end = close.end;
        return c;
    }
}
