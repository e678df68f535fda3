package dev.pharos.template;

/** Execution failed (Go: an ExecError from Execute). */
public class TemplateExecutionException extends TemplateException {
    private static final long serialVersionUID = 1L;

    public TemplateExecutionException(String message) {
        super(message);
    }

    public TemplateExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
