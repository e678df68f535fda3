package dev.pharos.template.alertdata;

import dev.pharos.template.GoStruct;
import java.util.List;

/** Alertmanager's template.Pair: .Name and .Value. */
public record Pair(String name, String value) implements GoStruct {
    @Override
    public String goTypeName() {
        return "template.Pair";
    }

    @Override
    public List<String> goFieldNames() {
        return List.of("Name", "Value");
    }

    @Override
    public Object goField(String field) {
        switch (field) {
            case "Name":
                return name;
            case "Value":
                return value;
            default:
                return NO_FIELD;
        }
    }
}
