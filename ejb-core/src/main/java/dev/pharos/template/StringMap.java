package dev.pharos.template;

import java.util.Map;
import java.util.TreeMap;

/** Go's map[string]string: a missing key yields "". */
public final class StringMap extends TreeMap<String, String> implements GoZeroValue, GoTyped {
    private static final long serialVersionUID = 1L;

    public StringMap() {
    }

    public StringMap(Map<String, String> m) {
        super(m);
    }

    @Override
    public Object goZeroValue() {
        return "";
    }

    @Override
    public String goTypeName() {
        return "map[string]string";
    }
}
