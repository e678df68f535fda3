package dev.pharos.promql.ast;

/** The four PromQL value types, named as Prometheus names them in messages and the API. */
public enum ValueType {
    SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

    private final String text;

    ValueType(String text) {
        this.text = text;
    }

    /** Name used in error messages ("instant vector"). */
    public String text() {
        return text;
    }

    /** Name used by the HTTP API result type ("vector", "matrix"). */
    public String apiName() {
        return switch (this) {
            case SCALAR -> "scalar";
            case VECTOR -> "vector";
            case MATRIX -> "matrix";
            case STRING -> "string";
        };
    }
}
