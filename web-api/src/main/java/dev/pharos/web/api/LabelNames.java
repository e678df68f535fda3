package dev.pharos.web.api;

import java.nio.charset.StandardCharsets;

/**
 * Label names in URL paths: plain legacy names, or UTF-8 names in the {@code U__} escaping
 * of Prometheus 3 ({@code U__my_2e_label} for {@code my.label}).
 */
final class LabelNames {

    private LabelNames() {
    }

    static String decode(String raw) throws ApiParams.BadParameter {
        String name = raw;
        if (raw.startsWith("U__")) {
            name = unescape(raw.substring(3));
        }
        if (name.isEmpty() || !isValid(name)) {
            throw new ApiParams.BadParameter("label", "invalid label name: \"" + raw + "\"");
        }
        return name;
    }

    private static boolean isValid(String s) {
        // Prometheus 3 accepts any valid UTF-8 label name.
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    /** Reverses the U__ escaping: {@code _2e_} is the code point 0x2e, {@code __} a literal underscore. */
    private static String unescape(String s) throws ApiParams.BadParameter {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_') {
                sb.append(c);
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '_') {
                sb.append('_');
                i++;
                continue;
            }
            int end = s.indexOf('_', i + 1);
            if (end < 0) {
                throw new ApiParams.BadParameter("label", "invalid escaped label name: \"U__" + s + "\"");
            }
            try {
                sb.appendCodePoint(Integer.parseInt(s.substring(i + 1, end), 16));
            } catch (NumberFormatException e) {
                throw new ApiParams.BadParameter("label", "invalid escaped label name: \"U__" + s + "\"");
            }
            i = end;
        }
        return sb.toString();
    }
}
