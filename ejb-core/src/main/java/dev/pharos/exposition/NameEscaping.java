package dev.pharos.exposition;

import java.util.Locale;

/**
 * How a writer renders metric and label names outside the legacy character set
 * ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}), negotiated by the {@code escaping} parameter of the
 * Accept header (escaping_schemes.md), as {@code prometheus/common}'s {@code EscapeName} does.
 */
public enum NameEscaping {
    /** {@code allow-utf-8}: names kept, quoted where needed. */
    ALLOW_UTF8("allow-utf-8"),
    /** {@code underscores}: every non-legacy character becomes {@code _}. */
    UNDERSCORES("underscores"),
    /** {@code dots}: {@code .} becomes {@code _dot_}, {@code _} becomes {@code __}, others {@code _}. */
    DOTS("dots"),
    /** {@code values}: {@code U__} prefix, {@code _} doubled, others as {@code _<hex code point>_}. */
    VALUES("values");

    private final String headerValue;

    NameEscaping(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }

    /**
     * The scheme a request's Accept header asks for: its {@code escaping} parameter, or
     * {@link #UNDERSCORES} when there is none (the spec's default) or it is unknown.
     */
    public static NameEscaping fromAcceptHeader(String accept) {
        if (accept != null) {
            for (String part : accept.split("[;,]")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("escaping=")) {
                    String v = p.substring("escaping=".length()).trim();
                    for (NameEscaping e : values()) {
                        if (e.headerValue.equals(v)) {
                            return e;
                        }
                    }
                }
            }
        }
        return UNDERSCORES;
    }

    /** The name as this scheme renders it; a legacy name is returned as is (except by DOTS). */
    public String escape(String name) {
        if (name.isEmpty() || this == ALLOW_UTF8) {
            return name;
        }
        if (this != DOTS && Quoting.isLegacyMetricName(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 8);
        if (this == VALUES) {
            sb.append("U__");
        }
        int i = 0;
        for (int off = 0; off < name.length(); i++) {
            int cp = name.codePointAt(off);
            off += Character.charCount(cp);
            boolean legacy = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_' || cp == ':'
                    || (cp >= '0' && cp <= '9' && i > 0);
            switch (this) {
                case UNDERSCORES -> sb.append(legacy ? (char) cp : '_');
                case DOTS -> {
                    if (cp == '_') {
                        sb.append("__");
                    } else if (cp == '.') {
                        sb.append("_dot_");
                    } else {
                        sb.append(legacy ? (char) cp : '_');
                    }
                }
                default -> {
                    if (cp == '_') {
                        sb.append("__");
                    } else if (legacy) {
                        sb.append((char) cp);
                    } else if (Character.isSurrogate((char) cp)) {
                        sb.append("_FFFD_");
                    } else {
                        sb.append('_').append(Integer.toHexString(cp)).append('_');
                    }
                }
            }
        }
        return sb.toString();
    }
}
