package dev.pharos.template;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * html/template-style contextual autoescaping, applied while executing: the HTML/JS/CSS/URL
 * context is tracked through the text written so far (Go's transition functions), each action's
 * value is escaped for the context it lands in (Go's escaper chains: htmlescaper, attrescaper,
 * nospaceescaper, urlfilter/normalizer/escaper, jsvalescaper, jsstrescaper, cssvaluefilter...),
 * and comments in template text are stripped. Go does this statically on the parse tree;
 * tracking it on the executed path gives the same output for templates whose branches agree
 * on context (which Go requires anyway). Behaviour follows Go 1.19.8.
 */
final class HtmlEscaper {

    enum State {
        TEXT, TAG, ATTR_NAME, AFTER_NAME, BEFORE_VALUE, HTML_CMT, RCDATA, ATTR, URL, SRCSET, JS, JS_DQ_STR,
        JS_SQ_STR, JS_BQ_STR, JS_REGEXP, JS_BLOCK_CMT, JS_LINE_CMT, CSS, CSS_DQ_STR, CSS_SQ_STR, CSS_DQ_URL,
        CSS_SQ_URL, CSS_URL, CSS_BLOCK_CMT, CSS_LINE_CMT, ERROR
    }

    enum Delim { NONE, DOUBLE_QUOTE, SINGLE_QUOTE, SPACE_OR_TAG_END }

    enum UrlPart { NONE, PRE_QUERY, QUERY_OR_FRAG, UNKNOWN }

    enum JsCtx { REGEXP, DIV_OP }

    enum Attr { NONE, SCRIPT, SCRIPT_TYPE, STYLE, URL, SRCSET }

    enum Element { NONE, SCRIPT, STYLE, TEXTAREA, TITLE }

    /** Go's escaping context. Mutable, one per execution. */
    static final class Context {
        State state = State.TEXT;
        Delim delim = Delim.NONE;
        UrlPart urlPart = UrlPart.NONE;
        JsCtx jsCtx = JsCtx.REGEXP;
        Attr attr = Attr.NONE;
        Element element = Element.NONE;

        Context copy() {
            Context c = new Context();
            c.state = state;
            c.delim = delim;
            c.urlPart = urlPart;
            c.jsCtx = jsCtx;
            c.attr = attr;
            c.element = element;
            return c;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Context)) {
                return false;
            }
            Context x = (Context) o;
            return state == x.state && delim == x.delim && urlPart == x.urlPart && jsCtx == x.jsCtx
                    && attr == x.attr && element == x.element;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(state, delim, urlPart, jsCtx, attr, element);
        }

        static Context of(State s, Element e) {
            Context c = new Context();
            c.state = s;
            c.element = e;
            return c;
        }
    }

    private Context c = new Context();

    // ------------------------------------------------------------ actions

    private static final String FAILSAFE = "ZgotmplZ";

    /**
     * The escapers for an action at the current context (Go's escapeAction), moving the context
     * on. When the action's pipeline ends in the builtin html or urlquery and that is equivalent
     * to one of the escapers, it takes that escaper's place ({@link Plan#predefinedAt}) and the
     * executor evaluates the pipeline without it, as Go's rewritten pipeline does.
     */
    Plan plan(Node.ActionNode n, boolean builtinPredefined) {
        String predefined = builtinPredefined ? predefinedEscaper(n) : null;
        nudge();
        List<String> chain = new java.util.ArrayList<>(3);
        switch (c.state) {
            case ERROR:
                return new Plan(chain, -1, null, true);
            case URL: case CSS_DQ_STR: case CSS_SQ_STR: case CSS_DQ_URL: case CSS_SQ_URL: case CSS_URL:
                switch (c.urlPart) {
                    case NONE:
                        chain.add("urlfilter");
                        // fall through
                    case PRE_QUERY:
                        chain.add(c.state == State.CSS_DQ_STR || c.state == State.CSS_SQ_STR ? "cssescaper" : "urlnormalizer");
                        break;
                    case QUERY_OR_FRAG:
                        chain.add("urlescaper");
                        break;
                    default:
                        return new Plan(chain, -1, null, true);
                }
                break;
            case JS:
                chain.add("jsvalescaper");
                c.jsCtx = JsCtx.DIV_OP;
                break;
            case JS_DQ_STR: case JS_SQ_STR:
                chain.add("jsstrescaper");
                break;
            case JS_BQ_STR:
                // Go 1.19.8 rejects actions in JS template literals; emit nothing
                return new Plan(chain, -1, null, true);
            case JS_REGEXP:
                chain.add("jsregexpescaper");
                break;
            case CSS:
                chain.add("cssvaluefilter");
                break;
            case TEXT:
                chain.add("htmlescaper");
                break;
            case RCDATA:
                chain.add("rcdataescaper");
                break;
            case ATTR:
                break;
            case ATTR_NAME: case TAG:
                c.state = State.ATTR_NAME;
                chain.add("htmlnamefilter");
                break;
            case SRCSET:
                chain.add("srcsetescaper");
                break;
            default:
                chain.add("commentescaper");
        }
        if (c.delim == Delim.SPACE_OR_TAG_END) {
            chain.add("nospaceescaper");
        } else if (c.delim != Delim.NONE) {
            chain.add("attrescaper");
        }
        if (c.state == State.URL && c.urlPart == UrlPart.NONE) {
            c.urlPart = UrlPart.PRE_QUERY;
        }
        int at = -1;
        if (predefined != null) {
            for (int i = 0; i < chain.size(); i++) {
                if (equivalent(predefined, chain.get(i))) {
                    at = i;
                    break;
                }
            }
        }
        return new Plan(chain, at, predefined, false);
    }

    /** The escaper chain for one action. */
    record Plan(List<String> chain, int predefinedAt, String predefined, boolean suppress) {
    }

    /** Runs the plan's escapers over the action's value. */
    String escape(Plan p, Object v) {
        if (p.suppress) {
            return "";
        }
        Object value = v;
        for (int i = 0; i < p.chain.size(); i++) {
            if (i == p.predefinedAt) {
                String s = Builtins.evalArgs(new Object[] {value});
                value = p.predefined.equals("html") ? Builtins.htmlEscape(s) : Builtins.queryEscape(s);
            } else {
                value = apply(p.chain.get(i), value);
            }
        }
        return value == null ? "" : value instanceof String ? (String) value : stringify(value);
    }

    /** "html" or "urlquery" when the action's pipeline ends with that builtin. */
    static String predefinedEscaper(Node.ActionNode n) {
        List<Node.CommandNode> cmds = n.pipe.cmds;
        Node.CommandNode last = cmds.get(cmds.size() - 1);
        Node first = last.args.get(0);
        if (first instanceof Node.IdentifierNode) {
            String id = ((Node.IdentifierNode) first).ident;
            // {{html a b}} and {{x | html}} are rewritten by Go; {{x | html a}} keeps its call
            boolean rewritable = cmds.size() == 1 || last.args.size() == 1;
            if (rewritable && (id.equals("html") || id.equals("urlquery"))) {
                return id;
            }
        }
        return null;
    }

    private static boolean equivalent(String predefined, String escaper) {
        if (predefined.equals("html")) {
            return escaper.equals("htmlescaper") || escaper.equals("attrescaper") || escaper.equals("rcdataescaper");
        }
        return escaper.equals("urlescaper");
    }

    private void nudge() {
        switch (c.state) {
            case TAG:
                c.state = State.ATTR_NAME;
                break;
            case BEFORE_VALUE:
                c.state = attrStartState(c.attr);
                c.delim = Delim.SPACE_OR_TAG_END;
                c.attr = Attr.NONE;
                break;
            case AFTER_NAME:
                c.state = State.ATTR_NAME;
                c.attr = Attr.NONE;
                break;
            default:
                break;
        }
    }

    /** Go's stringify: nil arguments print as nothing. */
    private static String stringify(Object v) {
        if (v == null) {
            return "";
        }
        return GoFmt.valueString(v);
    }

    private static Object apply(String escaper, Object v) {
        boolean html = v instanceof SafeHtml;
        boolean url = v instanceof SafeUrl;
        String s = stringify(v);
        switch (escaper) {
            case "htmlescaper":
                return html ? s : replace(s, HTML_TABLE);
            case "attrescaper":
                return html ? replace(stripTags(s), HTML_NORM_TABLE) : replace(s, HTML_TABLE);
            case "rcdataescaper":
                return replace(s, HTML_TABLE);
            case "nospaceescaper": {
                if (s.isEmpty()) {
                    return FAILSAFE;
                }
                return html ? replace(stripTags(s), NOSPACE_NORM_TABLE) : replace(s, NOSPACE_TABLE);
            }
            case "htmlnamefilter": {
                if (s.isEmpty() || !s.chars().allMatch(ch -> ch < 0x80 && Character.isLetterOrDigit(ch))) {
                    return FAILSAFE;
                }
                String lower = s.toLowerCase(Locale.ROOT);
                if (lower.startsWith("on") || attrType(lower) != Attr.NONE) {
                    return FAILSAFE;
                }
                return lower;
            }
            case "commentescaper":
                return "";
            case "urlfilter":
                if (url) {
                    return v;
                }
                return isSafeUrl(s) ? v : "#" + FAILSAFE;
            case "urlnormalizer":
                return processUrl(s, true);
            case "urlescaper":
                return processUrl(s, url);
            case "jsvalescaper":
                return jsValEscape(v);
            case "jsstrescaper":
                return jsStrEscape(s);
            case "jsregexpescaper": {
                String r = jsStrEscape(s);
                return r.isEmpty() ? "(?:)" : r;
            }
            case "cssvaluefilter":
                return cssValueFilter(s);
            case "cssescaper":
                return cssEscape(s);
            case "srcsetescaper":
                return processUrl(s, true).replace(",", "%2c");
            default:
                throw new IllegalStateException(escaper);
        }
    }

    // ------------------------------------------------------------ escapers

    private static final Map<Character, String> HTML_TABLE = Map.of('\0', "\uFFFD", '"', "&#34;", '&', "&amp;",
            '\'', "&#39;", '+', "&#43;", '<', "&lt;", '>', "&gt;");
    private static final Map<Character, String> HTML_NORM_TABLE = Map.of('\0', "\uFFFD", '"', "&#34;", '\'', "&#39;",
            '+', "&#43;", '<', "&lt;", '>', "&gt;");
    private static final Map<Character, String> NOSPACE_TABLE = Map.ofEntries(Map.entry('\0', "&#xfffd;"),
            Map.entry('\t', "&#9;"), Map.entry('\n', "&#10;"), Map.entry('\u000b', "&#11;"), Map.entry('\f', "&#12;"),
            Map.entry('\r', "&#13;"), Map.entry(' ', "&#32;"), Map.entry('"', "&#34;"), Map.entry('&', "&amp;"),
            Map.entry('\'', "&#39;"), Map.entry('+', "&#43;"), Map.entry('<', "&lt;"), Map.entry('=', "&#61;"),
            Map.entry('>', "&gt;"), Map.entry('`', "&#96;"));
    private static final Map<Character, String> NOSPACE_NORM_TABLE;

    static {
        java.util.HashMap<Character, String> m = new java.util.HashMap<>(NOSPACE_TABLE);
        m.remove('&');
        NOSPACE_NORM_TABLE = Map.copyOf(m);
    }

    private static String replace(String s, Map<Character, String> table) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String r = table.get(ch);
            if (r != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(r);
            } else if (sb != null) {
                sb.append(ch);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Removes tags and comments from safe HTML before it goes into an attribute (Go's stripTags, simplified). */
    static String stripTags(String html) {
        StringBuilder sb = new StringBuilder();
        Context ctx = new Context();
        int i = 0;
        while (i < html.length()) {
            if (ctx.state == State.TEXT) {
                int lt = html.indexOf('<', i);
                if (lt < 0) {
                    sb.append(html, i, html.length());
                    break;
                }
                Context probe = ctx.copy();
                int n = tText(probe, html.substring(lt));
                if (probe.state == State.TEXT) {
                    sb.append(html, i, html.length());
                    break;
                }
                sb.append(html, i, lt);
                ctx = probe;
                i = lt + n;
            } else {
                int gt = html.indexOf('>', i);
                if (gt < 0) {
                    break;
                }
                ctx = new Context();
                i = gt + 1;
            }
        }
        return sb.toString();
    }

    private static boolean isSafeUrl(String s) {
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf('/') < 0 || colon >= 0 && colon < s.indexOf('/')) {
            String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto");
        }
        return true;
    }

    /** Go's processURLOnto: percent-encode (lowercase hex) what may not appear in a URL. */
    static String processUrl(String s, boolean norm) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(b.length + 16);
        for (int i = 0; i < b.length; i++) {
            int ch = b[i] & 0xff;
            boolean keep;
            switch (ch) {
                case '!': case '#': case '$': case '&': case '*': case '+': case ',': case '/': case ':': case ';':
                case '=': case '?': case '@': case '[': case ']':
                    keep = norm;
                    break;
                case '-': case '.': case '_': case '~':
                    keep = true;
                    break;
                case '%':
                    keep = norm && i + 2 < b.length && isHex(b[i + 1]) && isHex(b[i + 2]);
                    break;
                default:
                    keep = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9';
            }
            if (keep) {
                sb.append((char) ch);
            } else {
                sb.append('%').append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 15, 16));
            }
        }
        return sb.toString();
    }

    private static boolean isHex(byte x) {
        return x >= '0' && x <= '9' || x >= 'a' && x <= 'f' || x >= 'A' && x <= 'F';
    }

    private static String jsValEscape(Object v) {
        Object a = v;
        if (a instanceof GoStringer && !(a instanceof GoTime)) {
            a = ((GoStringer) a).goString();
        }
        String json;
        try {
            json = Json.encode(a);
        } catch (FunctionError e) {
            return " /* " + e.getMessage() + " */null ";
        }
        if (json.isEmpty()) {
            return " null ";
        }
        int first = json.codePointAt(0);
        int last = json.codePointBefore(json.length());
        boolean pad = isJsIdentPart(first) || isJsIdentPart(last);
        return pad ? " " + json + " " : json;
    }

    private static boolean isJsIdentPart(int r) {
        return r == '$' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z';
    }

    static String jsStrEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case 0: sb.append("\\u0000"); break;
                case '\t': sb.append("\\t"); break;
                case '\n': sb.append("\\n"); break;
                case '\u000b': sb.append("\\u000b"); break;
                case '\f': sb.append("\\f"); break;
                case '\r': sb.append("\\r"); break;
                case '"': sb.append("\\u0022"); break;
                case '&': sb.append("\\u0026"); break;
                case '\'': sb.append("\\u0027"); break;
                case '+': sb.append("\\u002b"); break;
                case '/': sb.append("\\/"); break;
                case '<': sb.append("\\u003c"); break;
                case '>': sb.append("\\u003e"); break;
                case '\\': sb.append("\\\\"); break;
                case '`': sb.append("\\u0060"); break;
                case '\u2028': sb.append("\\u2028"); break;
                case '\u2029': sb.append("\\u2029"); break;
                default:
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
            }
        }
        return sb.toString();
    }

    /** Go 1.19.8 cssValueFilter. */
    private static String cssValueFilter(String s) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case 0: case '"': case '\'': case '(': case ')': case '/': case ';': case '@': case '[': case '\\':
                case ']': case '`': case '{': case '}':
                    return FAILSAFE;
                case '-':
                    if (i != 0 && s.charAt(i - 1) == '-') {
                        return FAILSAFE;
                    }
                    id.append(ch);
                    break;
                default:
                    if (ch < 0x80 && (Character.isLetterOrDigit(ch) || ch == '_')) {
                        id.append(ch);
                    }
            }
        }
        String lower = id.toString().toLowerCase(Locale.ROOT);
        if (lower.contains("expression") || lower.contains("mozbinding")) {
            return FAILSAFE;
        }
        return s;
    }

    private static String cssEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case 0: case '\t': case '\n': case '\f': case '\r': case '"': case '&': case '\'': case '(': case ')':
                case '+': case '/': case ':': case ';': case '<': case '>': case '\\': case '{': case '}':
                    sb.append('\\').append(Integer.toHexString(ch));
                    if (i + 1 < s.length() && (isHexChar(s.charAt(i + 1)) || s.charAt(i + 1) == ' ')) {
                        sb.append(' ');
                    }
                    break;
                default:
                    sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isHexChar(char x) {
        return x >= '0' && x <= '9' || x >= 'a' && x <= 'f' || x >= 'A' && x <= 'F';
    }

    // ------------------------------------------------------------ text

    /** Feeds template text through the context machine; returns the text as html/template emits it. */
    String text(Node n, String s) {
        if (n instanceof Node.TextNode) {
            Node.TextNode tn = (Node.TextNode) n;
            Context entry = c.copy();
            Object[] hit = tn.htmlCache.get(entry);
            if (hit != null) {
                c = ((Context) hit[1]).copy();
                return (String) hit[0];
            }
            String out = escapeText(s);
            tn.htmlCache.put(entry, new Object[] {out, c.copy()});
            return out;
        }
        return escapeText(s);
    }

    private String escapeText(String s) {
        StringBuilder b = new StringBuilder();
        int written = 0;
        int i = 0;
        while (i != s.length()) {
            Context c1 = c.copy();
            int nread = contextAfterText(c1, s.substring(i));
            int i1 = i + nread;
            if (c.state == State.TEXT || c.state == State.RCDATA) {
                int end = i1;
                if (c1.state != c.state) {
                    for (int j = end - 1; j >= i; j--) {
                        if (s.charAt(j) == '<') {
                            end = j;
                            break;
                        }
                    }
                }
                for (int j = i; j < end; j++) {
                    if (s.charAt(j) == '<' && !s.regionMatches(true, j, "<!DOCTYPE", 0, 9)) {
                        b.append(s, written, j).append("&lt;");
                        written = j + 1;
                    }
                }
            } else if (isComment(c.state) && c.delim == Delim.NONE) {
                if (c.state == State.JS_BLOCK_CMT) {
                    String body = s.substring(written, i1);
                    b.append(body.matches("(?s).*[\n\r\u2028\u2029].*") ? '\n' : ' ');
                } else if (c.state == State.CSS_BLOCK_CMT) {
                    b.append(' ');
                }
                written = i1;
            }
            if (c.state != c1.state && isComment(c1.state) && c1.delim == Delim.NONE) {
                int cs = i1 - 2;
                if (c1.state == State.HTML_CMT) {
                    cs -= 2;
                }
                b.append(s, written, Math.max(cs, written));
                written = i1;
            }
            if (i == i1 && c.state == c1.state) {
                // no progress: give up on tracking this text
                c = c1;
                break;
            }
            c = c1;
            i = i1;
        }
        if (written == 0) {
            return s;
        }
        if (!isComment(c.state) || c.delim != Delim.NONE) {
            b.append(s, written, s.length());
        }
        return b.toString();
    }

    private static boolean isComment(State s) {
        return s == State.HTML_CMT || s == State.JS_BLOCK_CMT || s == State.JS_LINE_CMT || s == State.CSS_BLOCK_CMT
                || s == State.CSS_LINE_CMT;
    }

    private static boolean isInScriptLiteral(State s) {
        return s == State.JS_DQ_STR || s == State.JS_SQ_STR || s == State.JS_BQ_STR || s == State.JS_REGEXP;
    }

    /** Updates ctx for a prefix of s; returns how much was consumed. */
    private static int contextAfterText(Context ctx, String s) {
        if (ctx.delim == Delim.NONE) {
            int end = specialTagEnd(ctx, s);
            if (end == 0) {
                Context fresh = new Context();
                copyInto(fresh, ctx);
                return 0;
            }
            return transition(ctx, s.substring(0, end));
        }
        String ends = ctx.delim == Delim.DOUBLE_QUOTE ? "\"" : ctx.delim == Delim.SINGLE_QUOTE ? "'" : " \t\n\f\r>";
        int i = indexAny(s, ends);
        if (i == -1) {
            i = s.length();
        }
        if (ctx.delim == Delim.SPACE_OR_TAG_END && indexAny(s.substring(0, i), "\"'<=`") >= 0) {
            ctx.state = State.ERROR;
            return s.length();
        }
        if (i == s.length()) {
            String u = unescapeHtml(s);
            while (!u.isEmpty()) {
                int n = transition(ctx, u);
                if (n == 0) {
                    break;
                }
                u = u.substring(n);
            }
            return s.length();
        }
        Element element = ctx.element;
        if (ctx.state == State.ATTR && ctx.element == Element.SCRIPT && ctx.attr == Attr.SCRIPT_TYPE
                && !isJsType(s.substring(0, i))) {
            element = Element.NONE;
        }
        if (ctx.delim != Delim.SPACE_OR_TAG_END) {
            i++;
        }
        copyInto(ctx, Context.of(State.TAG, element));
        return i;
    }

    private static boolean isJsType(String mime) {
        String m = mime.toLowerCase(Locale.ROOT);
        int semi = m.indexOf(';');
        if (semi >= 0) {
            m = m.substring(0, semi);
        }
        m = m.trim();
        switch (m) {
            case "application/ecmascript": case "application/javascript": case "application/json":
            case "application/ld+json": case "application/x-ecmascript": case "application/x-javascript":
            case "module": case "text/ecmascript": case "text/javascript": case "text/javascript1.0":
            case "text/javascript1.1": case "text/javascript1.2": case "text/javascript1.3": case "text/javascript1.4":
            case "text/javascript1.5": case "text/jscript": case "text/livescript": case "text/x-ecmascript":
            case "text/x-javascript":
                return true;
            default:
                return false;
        }
    }

    private static void copyInto(Context dst, Context src) {
        dst.state = src.state;
        dst.delim = src.delim;
        dst.urlPart = src.urlPart;
        dst.jsCtx = src.jsCtx;
        dst.attr = src.attr;
        dst.element = src.element;
    }

    /** Index of the end tag closing a script/style/textarea/title element, or s.length(). */
    private static int specialTagEnd(Context ctx, String s) {
        if (ctx.element != Element.NONE) {
            if (ctx.element == Element.SCRIPT && (isInScriptLiteral(ctx.state) || isComment(ctx.state))) {
                return s.length();
            }
            String marker = "</" + ctx.element.name().toLowerCase(Locale.ROOT);
            String lower = s.toLowerCase(Locale.ROOT);
            int from = 0;
            while (true) {
                int i = lower.indexOf(marker, from);
                if (i < 0) {
                    break;
                }
                int after = i + marker.length();
                if (after >= s.length() || " \t\n\f\r/>".indexOf(s.charAt(after)) >= 0) {
                    if (i == 0) {
                        copyInto(ctx, new Context());
                    }
                    return i;
                }
                from = after;
            }
        }
        return s.length();
    }

    private static int indexAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int transition(Context ctx, String s) {
        switch (ctx.state) {
            case TEXT:
                return tText(ctx, s);
            case TAG:
                return tTag(ctx, s);
            case ATTR_NAME: {
                int i = eatAttrName(s, 0);
                if (i < 0) {
                    ctx.state = State.ERROR;
                    return s.length();
                }
                if (i != s.length()) {
                    ctx.state = State.AFTER_NAME;
                }
                return i;
            }
            case AFTER_NAME: {
                int i = eatWhiteSpace(s, 0);
                if (i == s.length()) {
                    return s.length();
                }
                if (s.charAt(i) != '=') {
                    ctx.state = State.TAG;
                    return i;
                }
                ctx.state = State.BEFORE_VALUE;
                return i + 1;
            }
            case BEFORE_VALUE: {
                int i = eatWhiteSpace(s, 0);
                if (i == s.length()) {
                    return s.length();
                }
                Delim delim = Delim.SPACE_OR_TAG_END;
                if (s.charAt(i) == '\'') {
                    delim = Delim.SINGLE_QUOTE;
                    i++;
                } else if (s.charAt(i) == '"') {
                    delim = Delim.DOUBLE_QUOTE;
                    i++;
                }
                ctx.state = attrStartState(ctx.attr);
                ctx.delim = delim;
                return i;
            }
            case HTML_CMT: {
                int i = s.indexOf("-->");
                if (i != -1) {
                    copyInto(ctx, new Context());
                    return i + 3;
                }
                return s.length();
            }
            case RCDATA:
            case ATTR:
            case SRCSET:
            case ERROR:
                return s.length();
            case URL: {
                if (indexAny(s, "#?") >= 0) {
                    ctx.urlPart = UrlPart.QUERY_OR_FRAG;
                } else if (s.length() != eatWhiteSpace(s, 0) && ctx.urlPart == UrlPart.NONE) {
                    ctx.urlPart = UrlPart.PRE_QUERY;
                }
                return s.length();
            }
            case JS:
                return tJS(ctx, s);
            case JS_DQ_STR:
            case JS_SQ_STR:
            case JS_BQ_STR:
            case JS_REGEXP:
                return tJSDelimited(ctx, s);
            case JS_BLOCK_CMT:
                return tBlockCmt(ctx, s, State.JS);
            case CSS_BLOCK_CMT:
                return tBlockCmt(ctx, s, State.CSS);
            case JS_LINE_CMT:
                return tLineCmt(ctx, s, State.JS);
            case CSS_LINE_CMT:
                return tLineCmt(ctx, s, State.CSS);
            case CSS:
                return tCSS(ctx, s);
            default: // CSS strings and urls
                return tCSSStr(ctx, s);
        }
    }

    static int tText(Context ctx, String s) {
        int k = 0;
        while (true) {
            int i = s.indexOf('<', k);
            if (i < 0 || i + 1 == s.length()) {
                return s.length();
            }
            if (s.startsWith("<!--", i)) {
                copyInto(ctx, Context.of(State.HTML_CMT, Element.NONE));
                return i + 4;
            }
            i++;
            boolean end = false;
            if (s.charAt(i) == '/') {
                if (i + 1 == s.length()) {
                    return s.length();
                }
                end = true;
                i++;
            }
            int j = eatTagName(s, i);
            if (j != i) {
                Element e = end ? Element.NONE : elementOf(s.substring(i, j));
                copyInto(ctx, Context.of(State.TAG, e));
                return j;
            }
            k = j;
        }
    }

    private static Element elementOf(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "script":
                return Element.SCRIPT;
            case "style":
                return Element.STYLE;
            case "textarea":
                return Element.TEXTAREA;
            case "title":
                return Element.TITLE;
            default:
                return Element.NONE;
        }
    }

    private static boolean asciiAlpha(char x) {
        return x >= 'a' && x <= 'z' || x >= 'A' && x <= 'Z';
    }

    private static boolean asciiAlphaNum(char x) {
        return asciiAlpha(x) || x >= '0' && x <= '9';
    }

    private static int eatTagName(String s, int i) {
        if (i == s.length() || !asciiAlpha(s.charAt(i))) {
            return i;
        }
        int j = i + 1;
        while (j < s.length()) {
            char x = s.charAt(j);
            if (asciiAlphaNum(x)) {
                j++;
                continue;
            }
            if ((x == ':' || x == '-') && j + 1 < s.length() && asciiAlphaNum(s.charAt(j + 1))) {
                j += 2;
                continue;
            }
            break;
        }
        return j;
    }

    private static int eatWhiteSpace(String s, int i) {
        for (int j = i; j < s.length(); j++) {
            char x = s.charAt(j);
            if (x != ' ' && x != '\t' && x != '\n' && x != '\f' && x != '\r') {
                return j;
            }
        }
        return s.length();
    }

    private static int eatAttrName(String s, int i) {
        for (int j = i; j < s.length(); j++) {
            switch (s.charAt(j)) {
                case ' ': case '\t': case '\n': case '\f': case '\r': case '=': case '>':
                    return j;
                case '\'': case '"': case '<':
                    return -1;
                default:
                    break;
            }
        }
        return s.length();
    }

    private static State elementContentState(Element e) {
        switch (e) {
            case SCRIPT:
                return State.JS;
            case STYLE:
                return State.CSS;
            case TEXTAREA:
            case TITLE:
                return State.RCDATA;
            default:
                return State.TEXT;
        }
    }

    private static int tTag(Context ctx, String s) {
        int i = eatWhiteSpace(s, 0);
        if (i == s.length()) {
            return s.length();
        }
        if (s.charAt(i) == '>') {
            copyInto(ctx, Context.of(elementContentState(ctx.element), ctx.element));
            return i + 1;
        }
        int j = eatAttrName(s, i);
        if (j < 0 || i == j) {
            ctx.state = State.ERROR;
            return s.length();
        }
        String name = s.substring(i, j).toLowerCase(Locale.ROOT);
        Attr attr;
        if (ctx.element == Element.SCRIPT && name.equals("type")) {
            attr = Attr.SCRIPT_TYPE;
        } else {
            attr = attrType(name);
        }
        Element e = ctx.element;
        copyInto(ctx, Context.of(j == s.length() ? State.ATTR_NAME : State.AFTER_NAME, e));
        ctx.attr = attr;
        return j;
    }

    private static final Set<String> URL_ATTRS = Set.of("action", "archive", "background", "cite", "classid",
            "codebase", "data", "formaction", "href", "icon", "longdesc", "manifest", "poster", "profile", "src",
            "usemap", "xmlns");

    static Attr attrType(String name) {
        if (name.startsWith("data-")) {
            name = name.substring(5);
        } else {
            int colon = name.indexOf(':');
            if (colon >= 0) {
                if (name.substring(0, colon).equals("xmlns")) {
                    return Attr.URL;
                }
                name = name.substring(colon + 1);
            }
        }
        if (URL_ATTRS.contains(name)) {
            return Attr.URL;
        }
        if (name.equals("style")) {
            return Attr.STYLE;
        }
        if (name.equals("srcset")) {
            return Attr.SRCSET;
        }
        if (PLAIN_ATTRS.contains(name)) {
            return Attr.NONE;
        }
        if (name.startsWith("on")) {
            return Attr.SCRIPT;
        }
        if (name.contains("src") || name.contains("uri") || name.contains("url")) {
            return Attr.URL;
        }
        return Attr.NONE;
    }

    /** Attributes Go's attrTypeMap lists as plain (so e.g. "onload"-like heuristics do not apply). */
    private static final Set<String> PLAIN_ATTRS = Set.of("accept", "accept-charset", "accesskey", "align", "alt",
            "autocomplete", "autofocus", "autoplay", "border", "challenge", "charset", "checked", "class", "color",
            "cols", "colspan", "content", "contenteditable", "contextmenu", "controls", "coords", "crossorigin",
            "datetime", "default", "defer", "dir", "dirname", "disabled", "draggable", "dropzone", "enctype", "for",
            "form", "formenctype", "formmethod", "formnovalidate", "formtarget", "headers", "height", "hidden", "high",
            "hreflang", "http-equiv", "id", "ismap", "keytype", "kind", "label", "lang", "language", "list", "loop",
            "low", "max", "maxlength", "media", "mediagroup", "method", "min", "multiple", "name", "novalidate",
            "open", "optimum", "pattern", "placeholder", "preload", "pubdate", "radiogroup", "readonly", "rel",
            "required", "reversed", "rows", "rowspan", "sandbox", "spellcheck", "scope", "scoped", "seamless",
            "selected", "shape", "size", "sizes", "span", "srcdoc", "srclang", "start", "step", "tabindex", "target",
            "title", "type", "value", "width", "wrap");

    private static State attrStartState(Attr a) {
        switch (a) {
            case SCRIPT:
                return State.JS;
            case STYLE:
                return State.CSS;
            case URL:
                return State.URL;
            case SRCSET:
                return State.SRCSET;
            default:
                return State.ATTR;
        }
    }

    private static int tJS(Context ctx, String s) {
        int i = indexAny(s, "\"`'/");
        if (i == -1) {
            ctx.jsCtx = nextJsCtx(s, ctx.jsCtx);
            return s.length();
        }
        ctx.jsCtx = nextJsCtx(s.substring(0, i), ctx.jsCtx);
        switch (s.charAt(i)) {
            case '"':
                ctx.state = State.JS_DQ_STR;
                ctx.jsCtx = JsCtx.REGEXP;
                break;
            case '\'':
                ctx.state = State.JS_SQ_STR;
                ctx.jsCtx = JsCtx.REGEXP;
                break;
            case '`':
                ctx.state = State.JS_BQ_STR;
                ctx.jsCtx = JsCtx.REGEXP;
                break;
            default:
                if (i + 1 < s.length() && s.charAt(i + 1) == '/') {
                    ctx.state = State.JS_LINE_CMT;
                    i++;
                } else if (i + 1 < s.length() && s.charAt(i + 1) == '*') {
                    ctx.state = State.JS_BLOCK_CMT;
                    i++;
                } else if (ctx.jsCtx == JsCtx.REGEXP) {
                    ctx.state = State.JS_REGEXP;
                } else {
                    ctx.jsCtx = JsCtx.REGEXP;
                }
        }
        return i + 1;
    }

    private static final Set<String> REGEXP_PRECEDERS = Set.of("break", "case", "continue", "delete", "do", "else",
            "finally", "in", "instanceof", "return", "throw", "try", "typeof", "void");

    private static JsCtx nextJsCtx(String s, JsCtx preceding) {
        String t = s.replaceAll("[\t\n\f\r \u2028\u2029]+$", "");
        if (t.isEmpty()) {
            return preceding;
        }
        int n = t.length();
        char ch = t.charAt(n - 1);
        switch (ch) {
            case '+':
            case '-': {
                int start = n - 1;
                while (start > 0 && t.charAt(start - 1) == ch) {
                    start--;
                }
                return ((n - start) & 1) == 1 ? JsCtx.REGEXP : JsCtx.DIV_OP;
            }
            case '.':
                return n != 1 && Character.isDigit(t.charAt(n - 2)) ? JsCtx.DIV_OP : JsCtx.REGEXP;
            case ',': case '<': case '>': case '=': case '*': case '%': case '&': case '|': case '^': case '?':
            case '!': case '~': case '(': case '[': case ':': case ';': case '{': case '}':
                return JsCtx.REGEXP;
            default: {
                int j = n;
                while (j > 0 && isJsIdentPart(t.charAt(j - 1))) {
                    j--;
                }
                return REGEXP_PRECEDERS.contains(t.substring(j)) ? JsCtx.REGEXP : JsCtx.DIV_OP;
            }
        }
    }

    private static int tJSDelimited(Context ctx, String s) {
        String specials = "\\\"";
        switch (ctx.state) {
            case JS_SQ_STR:
                specials = "\\'";
                break;
            case JS_BQ_STR:
                specials = "\\`";
                break;
            case JS_REGEXP:
                specials = "\\/[]";
                break;
            default:
                break;
        }
        int k = 0;
        boolean inCharset = false;
        while (true) {
            int i = k + indexAny(s.substring(k), specials);
            if (i < k) {
                break;
            }
            char ch = s.charAt(i);
            if (ch == '\\') {
                i++;
                if (i == s.length()) {
                    ctx.state = State.ERROR;
                    return s.length();
                }
            } else if (ch == '[' && ctx.state == State.JS_REGEXP) {
                inCharset = true;
            } else if (ch == ']' && ctx.state == State.JS_REGEXP) {
                inCharset = false;
            } else if (!inCharset) {
                ctx.state = State.JS;
                ctx.jsCtx = JsCtx.DIV_OP;
                return i + 1;
            }
            k = i + 1;
        }
        return s.length();
    }

    private static int tBlockCmt(Context ctx, String s, State after) {
        int i = s.indexOf("*/");
        if (i == -1) {
            return s.length();
        }
        ctx.state = after;
        return i + 2;
    }

    private static int tLineCmt(Context ctx, String s, State after) {
        int i = indexAny(s, after == State.JS ? "\n\r\u2028\u2029" : "\n\f\r");
        if (i == -1) {
            return s.length();
        }
        ctx.state = after;
        // the line terminator is not part of the comment
        return i;
    }

    private static int tCSS(Context ctx, String s) {
        int k = 0;
        while (true) {
            int i = k + indexAny(s.substring(k), "(\"'/");
            if (i < k) {
                return s.length();
            }
            switch (s.charAt(i)) {
                case '(': {
                    String p = s.substring(0, i).replaceAll("[\t\n\f\r ]+$", "").toLowerCase(Locale.ROOT);
                    if (p.endsWith("url")) {
                        int j = eatWhiteSpace(s, i + 1);
                        if (j < s.length() && s.charAt(j) == '"') {
                            ctx.state = State.CSS_DQ_URL;
                            return j + 1;
                        } else if (j < s.length() && s.charAt(j) == '\'') {
                            ctx.state = State.CSS_SQ_URL;
                            return j + 1;
                        }
                        ctx.state = State.CSS_URL;
                        return j;
                    }
                    break;
                }
                case '/':
                    if (i + 1 < s.length()) {
                        if (s.charAt(i + 1) == '/') {
                            ctx.state = State.CSS_LINE_CMT;
                            return i + 2;
                        } else if (s.charAt(i + 1) == '*') {
                            ctx.state = State.CSS_BLOCK_CMT;
                            return i + 2;
                        }
                    }
                    break;
                case '"':
                    ctx.state = State.CSS_DQ_STR;
                    return i + 1;
                default:
                    ctx.state = State.CSS_SQ_STR;
                    return i + 1;
            }
            k = i + 1;
        }
    }

    private static int tCSSStr(Context ctx, String s) {
        String specials;
        switch (ctx.state) {
            case CSS_DQ_STR:
            case CSS_DQ_URL:
                specials = "\\\"";
                break;
            case CSS_SQ_STR:
            case CSS_SQ_URL:
                specials = "\\'";
                break;
            default:
                specials = "\\)";
        }
        int k = 0;
        while (true) {
            int i = k + indexAny(s.substring(k), specials);
            if (i < k) {
                if (ctx.state == State.CSS_DQ_URL || ctx.state == State.CSS_SQ_URL || ctx.state == State.CSS_URL) {
                    if (indexAny(s, "#?") >= 0) {
                        ctx.urlPart = UrlPart.QUERY_OR_FRAG;
                    } else if (ctx.urlPart == UrlPart.NONE && !s.isEmpty()) {
                        ctx.urlPart = UrlPart.PRE_QUERY;
                    }
                }
                return s.length();
            }
            if (s.charAt(i) == '\\') {
                i++;
                if (i == s.length()) {
                    ctx.state = State.ERROR;
                    return s.length();
                }
            } else {
                ctx.state = State.CSS;
                ctx.urlPart = UrlPart.NONE;
                return i + 1;
            }
            k = i + 1;
        }
    }

    /** html.UnescapeString for the entities that matter to context tracking. */
    private static String unescapeHtml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '&') {
                int semi = s.indexOf(';', i);
                if (semi > i && semi - i < 10) {
                    String ent = s.substring(i + 1, semi);
                    String rep = null;
                    switch (ent) {
                        case "quot": rep = "\""; break;
                        case "amp": rep = "&"; break;
                        case "lt": rep = "<"; break;
                        case "gt": rep = ">"; break;
                        case "apos": rep = "'"; break;
                        default:
                            try {
                                if (ent.startsWith("#x") || ent.startsWith("#X")) {
                                    rep = new String(Character.toChars(Integer.parseInt(ent.substring(2), 16)));
                                } else if (ent.startsWith("#")) {
                                    rep = new String(Character.toChars(Integer.parseInt(ent.substring(1))));
                                }
                            } catch (IllegalArgumentException e) {
                                rep = null;
                            }
                    }
                    if (rep != null) {
                        sb.append(rep);
                        i = semi;
                        continue;
                    }
                }
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
