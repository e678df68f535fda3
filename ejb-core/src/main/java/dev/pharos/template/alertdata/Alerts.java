package dev.pharos.template.alertdata;

import dev.pharos.template.GoMethods;
import dev.pharos.template.GoTyped;
import dev.pharos.template.TemplateFunction;
import java.util.ArrayList;
import java.util.Collection;

/** Alertmanager's template.Alerts with .Firing and .Resolved. */
public final class Alerts extends ArrayList<Alert> implements GoMethods, GoTyped {
    private static final long serialVersionUID = 1L;

    public Alerts() {
    }

    public Alerts(Collection<Alert> alerts) {
        super(alerts);
    }

    @Override
    public String goTypeName() {
        return "template.Alerts";
    }

    public Alerts firing() {
        Alerts r = new Alerts();
        for (Alert a : this) {
            if ("firing".equals(a.status())) {
                r.add(a);
            }
        }
        return r;
    }

    public Alerts resolved() {
        Alerts r = new Alerts();
        for (Alert a : this) {
            if ("resolved".equals(a.status())) {
                r.add(a);
            }
        }
        return r;
    }

    @Override
    public TemplateFunction goMethod(String name) {
        switch (name) {
            case "Firing":
                return TemplateFunction.of(name, a -> firing());
            case "Resolved":
                return TemplateFunction.of(name, a -> resolved());
            default:
                return null;
        }
    }
}
