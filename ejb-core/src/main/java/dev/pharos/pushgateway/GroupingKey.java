package dev.pharos.pushgateway;

import dev.pharos.model.Labels;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The grouping key of a push URL, {@code /metrics/job/<job>{/<label>/<value>}}: values are
 * URI-decoded per segment (so an encoded {@code %2F} stays inside its value), and a name
 * suffixed {@code @base64} takes a URL-safe base64 value (padding optional, a lone
 * {@code =} for the empty value), as the original Pushgateway reads them.
 */
public final class GroupingKey {

    private static final String BASE64_SUFFIX = "@base64";

    private GroupingKey() {
    }

    /**
     * Parses the raw (still percent-encoded) path after {@code /metrics}, e.g.
     * {@code /job/batch/instance/host1}; fails with a 400 naming the problem.
     */
    public static Labels parse(String rawPath) throws PushException {
        String p = rawPath;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String[] seg = p.isEmpty() ? new String[0] : p.split("/", -1);
        if (seg.length < 2 || !(seg[0].equals("job") || seg[0].equals("job" + BASE64_SUFFIX))) {
            throw new PushException(400, "grouping key must start with /job/<job name>");
        }
        if (seg.length % 2 != 0) {
            throw new PushException(400, "odd number of path segments in the grouping key: every label needs a value");
        }
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
        for (int i = 0; i < seg.length; i += 2) {
            String name = decodeSegment(seg[i]);
            String value;
            if (name.endsWith(BASE64_SUFFIX)) {
                name = name.substring(0, name.length() - BASE64_SUFFIX.length());
                value = decodeBase64(decodeSegment(seg[i + 1]));
            } else {
                value = decodeSegment(seg[i + 1]);
            }
            if (!Names.isLabelName(name) || name.startsWith("__")) {
                throw new PushException(400, "improper label name " + quote(name));
            }
            if (name.equals("job") && value.isEmpty()) {
                throw new PushException(400, "job name is required");
            }
            if (out.put(name, value) != null) {
                throw new PushException(400, "duplicate label name " + quote(name) + " in the grouping key");
            }
        }
        return Names.keepingEmpty(out);
    }

    private static String decodeSegment(String s) throws PushException {
        try {
            // '+' is a literal plus in a path, not a space.
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PushException(400, "invalid percent-encoding in " + quote(s));
        }
    }

    static String decodeBase64(String s) throws PushException {
        String t = s;
        while (t.endsWith("=")) {
            t = t.substring(0, t.length() - 1);
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new PushException(400, "invalid base64 string " + quote(s) + ": " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new PushException(400, "base64 value " + quote(s) + " is not valid UTF-8");
        }
    }

    /** The URL path of a key, every value base64-encoded: safe for any value. */
    public static String toPath(Labels key) {
        StringBuilder sb = new StringBuilder("/metrics/job@base64/").append(b64(key.get("job")));
        for (int i = 0; i < key.size(); i++) {
            if (!key.name(i).equals("job")) {
                sb.append('/').append(key.name(i)).append(BASE64_SUFFIX).append('/').append(b64(key.value(i)));
            }
        }
        return sb.toString();
    }

    private static String b64(String v) {
        return v.isEmpty() ? "=" : Base64.getUrlEncoder().withoutPadding().encodeToString(v.getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
