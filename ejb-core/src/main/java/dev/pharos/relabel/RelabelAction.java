package dev.pharos.relabel;

import java.util.Locale;

/** The relabel actions of Prometheus, with their configuration names. */
public enum RelabelAction {
    REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP,
    LOWERCASE, UPPERCASE;

    /** The name used in YAML, e.g. {@code labelmap}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an action name; like Prometheus, case does not matter.
     *
     * @throws IllegalArgumentException {@code unknown relabel action "x"}
     */
    public static RelabelAction parse(String s) {
        for (RelabelAction a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown relabel action \"" + s + "\"");
    }

    @Override
    public String toString() {
        return configName();
    }
}
