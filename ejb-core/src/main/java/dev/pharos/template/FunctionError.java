package dev.pharos.template;

/** An error returned by a template function; the engine reports "error calling NAME: MESSAGE". */
public class FunctionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FunctionError(String message) {
        super(message, null, false, false);
    }
}
