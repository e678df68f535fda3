package dev.pharos.template.alertdata;

import dev.pharos.template.GoMethods;
import dev.pharos.template.GoTyped;
import dev.pharos.template.StringSlice;
import dev.pharos.template.TemplateFunction;
import java.util.ArrayList;

/** Alertmanager's template.Pairs with .Names and .Values. */
public final class Pairs extends ArrayList<Pair> implements GoMethods, GoTyped {
    private static final long serialVersionUID = 1L;

    @Override
    public String goTypeName() {
        return "template.Pairs";
    }

    public StringSlice names() {
        StringSlice s = new StringSlice();
        for (Pair p : this) {
            s.add(p.name());
        }
        return s;
    }

    public StringSlice values() {
        StringSlice s = new StringSlice();
        for (Pair p : this) {
            s.add(p.value());
        }
        return s;
    }

    @Override
    public TemplateFunction goMethod(String name) {
        switch (name) {
            case "Names":
                return TemplateFunction.of(name, a -> names());
            case "Values":
                return TemplateFunction.of(name, a -> values());
            default:
                return null;
        }
    }
}
