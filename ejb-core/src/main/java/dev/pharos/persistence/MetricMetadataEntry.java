package dev.pharos.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** TYPE, HELP and UNIT of one metric name, as last scraped; survives restarts. */
@Entity
@Table(name = "pharos_metric_metadata")
public class MetricMetadataEntry {

    @Id
    @Column(length = 500)
    private String metric;

    @Column(name = "metric_type", length = 20, nullable = false)
    private String type;

    @Column(length = 4000)
    private String help;

    @Column(length = 100)
    private String unit;

    @Column(name = "updated_millis", nullable = false)
    private long updatedMillis;

    protected MetricMetadataEntry() {
    }

    public MetricMetadataEntry(String metric, String type, String help, String unit, long updatedMillis) {
        this.metric = metric;
        this.type = type;
        this.help = help == null || help.length() <= 4000 ? help : help.substring(0, 4000);
        this.unit = unit;
        this.updatedMillis = updatedMillis;
    }

    public String metric() {
        return metric;
    }

    public String type() {
        return type;
    }

    public String help() {
        return help == null ? "" : help;
    }

    public String unit() {
        return unit == null ? "" : unit;
    }

    boolean sameAs(MetricMetadataEntry o) {
        return type.equals(o.type) && help().equals(o.help()) && unit().equals(o.unit());
    }

    void update(MetricMetadataEntry o) {
        this.type = o.type;
        this.help = o.help;
        this.unit = o.unit;
        this.updatedMillis = o.updatedMillis;
    }
}
