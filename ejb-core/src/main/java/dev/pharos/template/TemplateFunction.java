package dev.pharos.template;

import java.util.Arrays;

/**
 * A function callable from templates, with Go-like typed parameters so that argument
 * checking and errors match text/template ("expected string; found 1",
 * "wrong number of args for toUpper: want 1 got 2"). Exceptions thrown by the body become
 * "error calling NAME: MESSAGE".
 */
public final class TemplateFunction {

    /** Go parameter types the engine checks and converts to. */
    public enum Arg {
        ANY("interface {}"), STRING("string"), INT("int"), FLOAT("float64"), BOOL("bool"),
        STRINGS("[]string"), TIME("time.Time"), LIST("[]interface {}"),
        /** Go's reflect.Value parameters of the builtins: any value, but not a literal nil. */
        VALUE("reflect.Value");

        final String goName;

        Arg(String goName) {
            this.goName = goName;
        }
    }

    @FunctionalInterface
    public interface Body {
        Object apply(Object[] args) throws Exception;
    }

    final String name;
    final Arg[] params;
    final boolean variadic;
    final Body body;

    private TemplateFunction(String name, Body body, boolean variadic, Arg... params) {
        this.name = name;
        this.params = params.clone();
        this.variadic = variadic;
        this.body = body;
    }

    /** A function with fixed parameters. */
    public static TemplateFunction of(String name, Body body, Arg... params) {
        return new TemplateFunction(name, body, false, params);
    }

    /** A function whose last parameter repeats (Go's ...T); the body gets it as an Object[]. */
    public static TemplateFunction variadic(String name, Body body, Arg... params) {
        if (params.length == 0) {
            throw new IllegalArgumentException("variadic function needs a last parameter");
        }
        return new TemplateFunction(name, body, true, params);
    }

    public String name() {
        return name;
    }

    /** Calls the body directly (variadic arguments are passed flat) (no template checks); for use outside templates and in tests. */
    public Object invoke(Object... args) throws Exception {
        return body.apply(args);
    }

    @Override
    public String toString() {
        return "func " + name + Arrays.toString(params);
    }
}
