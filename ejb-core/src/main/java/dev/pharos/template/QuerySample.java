package dev.pharos.template;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One sample of a {@code query} result as Prometheus templates see it: .Labels and .Value. */
public final class QuerySample implements GoStruct {
    private final Map<String, String> labels;
    private final double value;

    public QuerySample(Map<String, String> labels, double value) {
        this.labels = new TreeMap<>(labels);
        this.value = value;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public double value() {
        return value;
    }

    @Override
    public String goTypeName() {
        return "*template.sample";
    }

    @Override
    public boolean goPointer() {
        return true;
    }

    @Override
    public List<String> goFieldNames() {
        return List.of("Labels", "Value");
    }

    @Override
    public Object goField(String name) {
        switch (name) {
            case "Labels":
                return labels;
            case "Value":
                return value;
            default:
                return NO_FIELD;
        }
    }
}
