package dev.pharos.alertmanager.config;

/**
 * An invalid {@code alertmanager.yml}. {@link #reason()} is the original's error text (what
 * amtool prints); {@link #getMessage()} adds the file, the 1-based line and the field path.
 */
public final class ConfigException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;
    private final String reason;

    public ConfigException(String file, int line, String field, String reason) {
        super(compose(file, line, field, reason));
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    ConfigException withFile(String f) {
        return new ConfigException(f, line, field, reason);
    }

    private static String compose(String file, int line, String field, String reason) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        } else if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(reason).toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
