package dev.pharos.config;

/**
 * A configuration file that Prometheus would refuse. Carries where: the file, the 1-based line
 * (0 when unknown) and the field path (e.g. {@code scrape_configs[0].scrape_interval}); the
 * message is the bare reason. {@link #getMessage()} is the full human text:
 * {@code /etc/x/prometheus.yml:12: field "scrape_configs[0].scrape_interval": not a valid duration string: "abc"}.
 */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String field;
    private final String reason;

    public ConfigException(String file, int line, String field, String reason) {
        super(format(file, line, field, reason));
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    private static String format(String file, int line, String field, String reason) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null || file.isEmpty() ? "<config>" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append("field \"").append(field).append("\": ");
        }
        return sb.append(reason).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    /** The reason alone, without file, line and field. */
    public String reason() {
        return reason;
    }

    /** True when the only fault is a service discovery mechanism Pharos does not implement. */
    public boolean isUnsupported() {
        return false;
    }
}
