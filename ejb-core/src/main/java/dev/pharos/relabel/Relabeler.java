package dev.pharos.relabel;

import dev.pharos.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Applies relabel rules to a label set, as Prometheus's {@code relabel.Process}: rules run in
 * order on the labels left by the previous one; a label set to the empty value is removed.
 */
public final class Relabeler {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the JDK", e);
        }
    });

    private Relabeler() {
    }

    /** The relabeled labels, or null when a keep/drop/keepequal/dropequal rule dropped them. */
    public static Labels process(Labels in, List<RelabelConfig> configs) {
        // Filtering rules (keep/drop, the usual metric_relabel_configs) read the input directly;
        // a builder is made only once a rule rewrites labels, so unchanged sets are not copied.
        int i = 0;
        for (; i < configs.size(); i++) {
            RelabelConfig cfg = configs.get(i);
            RelabelAction a = cfg.action();
            if (a != RelabelAction.KEEP && a != RelabelAction.DROP
                    && a != RelabelAction.KEEPEQUAL && a != RelabelAction.DROPEQUAL) {
                break;
            }
            if (!keeps(cfg, joinSources(in, cfg), in.getOrEmpty(cfg.targetLabel()))) {
                return null;
            }
        }
        if (i == configs.size()) {
            return in;
        }
        Labels.Builder lb = in.toBuilder();
        return processBuilder(lb, configs.subList(i, configs.size())) ? lb.build() : null;
    }

    private static boolean keeps(RelabelConfig cfg, String val, String target) {
        return switch (cfg.action()) {
            case DROP -> !cfg.regex().matches(val);
            case KEEP -> cfg.regex().matches(val);
            case DROPEQUAL -> !target.equals(val);
            case KEEPEQUAL -> target.equals(val);
            default -> true;
        };
    }

    private static String joinSources(Labels in, RelabelConfig cfg) {
        List<String> src = cfg.sourceLabels();
        if (src.size() == 1) {
            return in.getOrEmpty(src.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < src.size(); i++) {
            if (i > 0) {
                sb.append(cfg.separator());
            }
            sb.append(in.getOrEmpty(src.get(i)));
        }
        return sb.toString();
    }

    /** Relabels {@code lb} in place; false when the label set is dropped. */
    public static boolean processBuilder(Labels.Builder lb, List<RelabelConfig> configs) {
        for (RelabelConfig cfg : configs) {
            if (!apply(lb, cfg)) {
                return false;
            }
        }
        return true;
    }

    private static boolean apply(Labels.Builder lb, RelabelConfig cfg) {
        String val = joinSources(lb, cfg);
        switch (cfg.action()) {
            case DROP, KEEP, DROPEQUAL, KEEPEQUAL -> {
                if (!keeps(cfg, val, orEmpty(lb.get(cfg.targetLabel())))) {
                    return false;
                }
            }
            case REPLACE -> {
                Matcher m = cfg.regex().matchWhole(val);
                if (m == null) {
                    break;
                }
                String target = cfg.regex().expand(cfg.targetLabel(), m);
                if (!cfg.nameValidation().isValidLabelName(target)) {
                    break;
                }
                String res = cfg.regex().expand(cfg.replacement(), m);
                if (res.isEmpty()) {
                    lb.remove(target);
                } else {
                    lb.set(target, res);
                }
            }
            case LOWERCASE -> lb.set(cfg.targetLabel(), mapCase(val, false));
            case UPPERCASE -> lb.set(cfg.targetLabel(), mapCase(val, true));
            case HASHMOD -> {
                long mod = Long.remainderUnsigned(hash64(val), cfg.modulus());
                lb.set(cfg.targetLabel(), Long.toUnsignedString(mod));
            }
            case LABELMAP -> {
                Labels snapshot = lb.build();
                for (int i = 0; i < snapshot.size(); i++) {
                    Matcher m = cfg.regex().matchWhole(snapshot.name(i));
                    if (m != null) {
                        lb.set(cfg.regex().expand(cfg.replacement(), m), snapshot.value(i));
                    }
                }
            }
            case LABELDROP, LABELKEEP -> {
                boolean drop = cfg.action() == RelabelAction.LABELDROP;
                Labels snapshot = lb.build();
                for (int i = 0; i < snapshot.size(); i++) {
                    if (cfg.regex().matches(snapshot.name(i)) == drop) {
                        lb.remove(snapshot.name(i));
                    }
                }
            }
            default -> throw new IllegalStateException("unknown relabel action " + cfg.action());
        }
        return true;
    }

    private static String joinSources(Labels.Builder lb, RelabelConfig cfg) {
        List<String> src = cfg.sourceLabels();
        if (src.isEmpty()) {
            return "";
        }
        if (src.size() == 1) {
            return orEmpty(lb.get(src.get(0)));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < src.size(); i++) {
            if (i > 0) {
                sb.append(cfg.separator());
            }
            sb.append(orEmpty(lb.get(src.get(i))));
        }
        return sb.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The hashmod hash: the MD5 sum of the value, of which Prometheus keeps the last 8 bytes
     * as a big-endian unsigned 64-bit integer (its shifts of the first 8 bytes overflow to 0).
     */
    public static long hash64(String value) {
        MessageDigest md = MD5.get();
        byte[] sum = md.digest(value.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 8; i < 16; i++) {
            h = (h << 8) | (sum[i] & 0xff);
        }
        return h;
    }

    /** Go's strings.ToUpper/ToLower map code point by code point (no "ß" -> "SS"). */
    private static String mapCase(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp));
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
