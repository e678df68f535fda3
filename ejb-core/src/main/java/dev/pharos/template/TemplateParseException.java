package dev.pharos.template;

/** The template text is not valid (Go: an error from Parse). */
public class TemplateParseException extends TemplateException {
    private static final long serialVersionUID = 1L;

    public TemplateParseException(String message) {
        super(message);
    }
}
