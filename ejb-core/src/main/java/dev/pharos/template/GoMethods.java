package dev.pharos.template;

/**
 * A data value with methods callable from templates ({@code .Alerts.Firing},
 * {@code .StartsAt.Format "2006"}). Methods win over fields and map keys, as in Go.
 */
public interface GoMethods {
    /** The method bound to this receiver, or null when there is none. */
    TemplateFunction goMethod(String name);
}
