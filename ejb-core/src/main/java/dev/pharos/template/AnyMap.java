package dev.pharos.template;

import java.util.LinkedHashMap;

/** Go's map[string]interface{}: a missing key yields nil (printed "&lt;no value&gt;"). */
public final class AnyMap extends LinkedHashMap<String, Object> implements GoZeroValue, GoTyped {
    private static final long serialVersionUID = 1L;

    @Override
    public Object goZeroValue() {
        return null;
    }

    @Override
    public String goTypeName() {
        return "map[string]interface {}";
    }
}
