package dev.pharos.template;

import static dev.pharos.template.TemplateFunction.Arg.ANY;
import static dev.pharos.template.TemplateFunction.Arg.STRING;
import static dev.pharos.template.TemplateFunction.Arg.VALUE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Go text/template's predefined functions. */
final class Builtins {
    private Builtins() {
    }

    private static final Map<String, TemplateFunction> FUNCS = new HashMap<>();

    private static void add(TemplateFunction f) {
        FUNCS.put(f.name(), f);
    }

    static {
        // and/or are evaluated specially (short circuit) by the executor; bodies are unused
        add(TemplateFunction.variadic("and", a -> null, VALUE, VALUE));
        add(TemplateFunction.variadic("or", a -> null, VALUE, VALUE));
        add(TemplateFunction.of("not", a -> !GoValues.truth(a[0]), VALUE));
        add(TemplateFunction.of("len", a -> GoValues.length(a[0]), VALUE));
        add(TemplateFunction.variadic("index", a -> GoValues.index(a[0], rest(a)), VALUE, VALUE));
        add(TemplateFunction.variadic("slice", a -> GoValues.slice(a[0], rest(a)), VALUE, VALUE));
        add(TemplateFunction.variadic("print", a -> GoFmt.sprint(Arrays.asList(a)), ANY));
        add(TemplateFunction.variadic("println", a -> GoFmt.sprintln(Arrays.asList(a)), ANY));
        add(TemplateFunction.variadic("printf", a -> GoFmt.sprintf((String) a[0], Arrays.asList(rest(a))), STRING, ANY));
        add(TemplateFunction.variadic("html", a -> htmlEscape(evalArgs(a)), ANY));
        add(TemplateFunction.variadic("js", a -> jsEscape(evalArgs(a)), ANY));
        add(TemplateFunction.variadic("urlquery", a -> queryEscape(evalArgs(a)), ANY));
        add(TemplateFunction.variadic("eq", a -> GoValues.eq(a[0], rest(a)), VALUE, VALUE));
        add(TemplateFunction.of("ne", a -> !GoValues.eq(a[0], new Object[] {a[1]}), VALUE, VALUE));
        add(TemplateFunction.of("lt", a -> GoValues.lt(a[0], a[1]), VALUE, VALUE));
        add(TemplateFunction.of("le", a -> GoValues.lt(a[0], a[1]) || GoValues.eq(a[0], new Object[] {a[1]}), VALUE, VALUE));
        add(TemplateFunction.of("gt", a -> !GoValues.lt(a[0], a[1]) && !GoValues.eq(a[0], new Object[] {a[1]}), VALUE, VALUE));
        add(TemplateFunction.of("ge", a -> !GoValues.lt(a[0], a[1]), VALUE, VALUE));
        // call is dispatched by the executor
        add(TemplateFunction.variadic("call", a -> null, VALUE, VALUE));
    }

    static TemplateFunction get(String name) {
        return FUNCS.get(name);
    }

    static boolean has(String name) {
        return FUNCS.containsKey(name);
    }

    private static Object[] rest(Object[] a) {
        return Arrays.copyOfRange(a, 1, a.length);
    }

    /** Go's evalArgs: a lone string as is, otherwise fmt.Sprint of the arguments. */
    static String evalArgs(Object[] a) {
        if (a.length == 1 && a[0] instanceof String) {
            return (String) a[0];
        }
        return GoFmt.sprint(Arrays.asList(a));
    }

    /** template.HTMLEscapeString. */
    static String htmlEscape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case '"': rep = "&#34;"; break;
                case '\'': rep = "&#39;"; break;
                case '&': rep = "&amp;"; break;
                case '<': rep = "&lt;"; break;
                case '>': rep = "&gt;"; break;
                case 0: rep = "\uFFFD"; break;
                default: rep = null;
            }
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** template.JSEscapeString. */
    static String jsEscape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\': sb.append("\\\\"); break;
                case '\'': sb.append("\\'"); break;
                case '"': sb.append("\\\""); break;
                case '<': sb.append("\\u003C"); break;
                case '>': sb.append("\\u003E"); break;
                case '&': sb.append("\\u0026"); break;
                case '=': sb.append("\\u003D"); break;
                default:
                    if (cp < ' ') {
                        sb.append(String.format("\\u%04X", cp));
                    } else if (cp < 0x80 || GoFmt.isPrint(cp)) {
                        sb.appendCodePoint(cp);
                    } else {
                        sb.append(String.format("\\u%04X", cp));
                    }
            }
        }
        return sb.toString();
    }

    /** url.QueryEscape. */
    static String queryEscape(String s) {
        return urlEscape(s, true);
    }

    static String urlEscape(String s, boolean query) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(b.length + 8);
        for (byte x : b) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ' && query) {
                sb.append('+');
            } else {
                sb.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
            }
        }
        return sb.toString();
    }
}
