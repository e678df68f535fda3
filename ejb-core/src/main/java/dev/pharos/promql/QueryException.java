package dev.pharos.promql;

/** A failed query; {@link #errorType()} is the API's errorType. */
public final class QueryException extends RuntimeException {
    public enum Type {
        BAD_DATA("bad_data"), EXECUTION("execution"), TIMEOUT("timeout"), CANCELED("canceled"), INTERNAL("internal");

        private final String apiName;

        Type(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }

    private final Type type;

    public QueryException(Type type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public QueryException(Type type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public Type errorType() {
        return type;
    }
}
