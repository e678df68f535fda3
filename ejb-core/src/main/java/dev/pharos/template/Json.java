package dev.pharos.template;

import java.util.List;
import java.util.Map;

/** encoding/json.Marshal for template values (maps with sorted keys, HTML-safe escaping). */
final class Json {
    private Json() {
    }

    static String encode(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean) {
            sb.append(v);
        } else if (GoValues.isInt(v)) {
            sb.append(((Number) v).longValue());
        } else if (GoValues.isFloat(v)) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new FunctionError("json: unsupported value: " + GoFmt.valueString(d));
            }
            double abs = Math.abs(d);
            String s = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? GoFmt.formatFloat(d, 'e', -1) : GoFmt.formatFloat(d, 'f', -1);
            if (s.charAt(0) == '+') {
                s = s.substring(1);
            }
            // Go writes e-07 as e-7
            s = s.replaceAll("e([+-])0(\\d)$", "e$1$2");
            sb.append(s);
        } else if (GoValues.isString(v)) {
            string(sb, v.toString());
        } else if (v instanceof GoTime) {
            string(sb, ((GoTime) v).format("2006-01-02T15:04:05.999999999Z07:00"));
        } else if (GoValues.asMap(v) != null) {
            Map<?, ?> m = GoValues.asMap(v);
            sb.append('{');
            boolean first = true;
            for (Object k : GoValues.sortedKeys(m)) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(k));
                sb.append(':');
                write(sb, m.get(k));
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            List<?> l = (List<?>) v;
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, l.get(i));
            }
            sb.append(']');
        } else if (v instanceof GoStringer) {
            string(sb, ((GoStringer) v).goString());
        } else {
            GoStruct s = GoValues.asStruct(v);
            if (s == null) {
                string(sb, v.toString());
                return;
            }
            sb.append('{');
            boolean first = true;
            for (String n : s.goFieldNames()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, n);
                sb.append(':');
                write(sb, s.goField(n));
            }
            sb.append('}');
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '<': sb.append("\\u003c"); break;
                case '>': sb.append("\\u003e"); break;
                case '&': sb.append("\\u0026"); break;
                case '\u2028': sb.append("\\u2028"); break;
                case '\u2029': sb.append("\\u2029"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
