package dev.pharos.template;

/**
 * A template failed to parse or to execute. The message is Go's text, e.g.
 * {@code template: name:1: unexpected EOF} or
 * {@code template: name:1:3: executing "name" at <.Foo>: can't evaluate field Foo in type string}.
 */
public class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
