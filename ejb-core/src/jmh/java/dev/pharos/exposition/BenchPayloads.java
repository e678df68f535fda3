package dev.pharos.exposition;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Synthetic scrape bodies shaped like node_exporter's: families of counters with cpu/mode
 * labels, filesystem gauges with three labels, histograms with le buckets, summaries with
 * quantiles and label-less gauges, with HELP and TYPE lines; values mix integers,
 * decimals and exponent forms. Deterministic, exactly {@code samples} sample lines.
 */
final class BenchPayloads {

    private static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
    private static final String[] Q = {"0", "0.25", "0.5", "0.75", "1"};

    private BenchPayloads() {
    }

    static byte[] generate(int samples, boolean openMetrics) {
        SplittableRandom r = new SplittableRandom(1);
        StringBuilder sb = new StringBuilder(samples * 80);
        int n = 0;
        for (int f = 0; n < samples; f++) {
            int kind = f % 5;
            String fam;
            switch (kind) {
                case 0 -> {
                    fam = "node_cpu_seconds";
                    meta(sb, fam + f, "counter", "Seconds the CPUs spent in each mode.", openMetrics);
                    for (int cpu = 0; cpu < 4 && n < samples; cpu++) {
                        for (String m : MODES) {
                            if (n == samples) {
                                break;
                            }
                            sb.append(fam).append(f).append(openMetrics ? "_total" : "")
                                    .append("{cpu=\"").append(cpu).append("\",mode=\"").append(m).append("\"} ")
                                    .append(value(r)).append('\n');
                            n++;
                        }
                    }
                }
                case 1 -> {
                    fam = "node_filesystem_avail_bytes";
                    meta(sb, fam + f, "gauge", "Filesystem space available to non-root users in bytes.", openMetrics);
                    for (int d = 0; d < 6 && n < samples; d++) {
                        sb.append(fam).append(f).append("{device=\"/dev/sda").append(d)
                                .append("\",fstype=\"ext4\",mountpoint=\"/var/lib/data").append(d).append("\"} ")
                                .append(value(r)).append('\n');
                        n++;
                    }
                }
                case 2 -> {
                    fam = "http_request_duration_seconds";
                    meta(sb, fam + f, "histogram", "A histogram of the request duration.", openMetrics);
                    for (int h = 0; h < 2 && n < samples; h++) {
                        for (String le : LE) {
                            if (n == samples) {
                                break;
                            }
                            sb.append(fam).append(f).append("_bucket{handler=\"/api/v1/query").append(h)
                                    .append("\",le=\"").append(le).append("\"} ").append(r.nextInt(100000)).append('\n');
                            n++;
                        }
                        if (n < samples) {
                            sb.append(fam).append(f).append("_sum{handler=\"/api/v1/query").append(h).append("\"} ")
                                    .append(value(r)).append('\n');
                            n++;
                        }
                        if (n < samples) {
                            sb.append(fam).append(f).append("_count{handler=\"/api/v1/query").append(h).append("\"} ")
                                    .append(r.nextInt(100000)).append('\n');
                            n++;
                        }
                    }
                }
                case 3 -> {
                    fam = "go_gc_duration_seconds";
                    meta(sb, fam + f, "summary", "A summary of the pause duration of garbage collection cycles.", openMetrics);
                    for (String q : Q) {
                        if (n == samples) {
                            break;
                        }
                        sb.append(fam).append(f).append("{quantile=\"").append(q).append("\"} ")
                                .append(r.nextDouble() / 1000).append('\n');
                        n++;
                    }
                    if (n < samples) {
                        sb.append(fam).append(f).append("_sum ").append(value(r)).append('\n');
                        n++;
                    }
                    if (n < samples) {
                        sb.append(fam).append(f).append("_count ").append(r.nextInt(1000000)).append('\n');
                        n++;
                    }
                }
                default -> {
                    fam = "go_goroutines";
                    meta(sb, fam + f, "gauge", "Number of goroutines that currently exist.", openMetrics);
                    sb.append(fam).append(f).append(' ').append(r.nextInt(500)).append('\n');
                    n++;
                }
            }
        }
        if (openMetrics) {
            sb.append("# EOF\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void meta(StringBuilder sb, String fam, String type, String help, boolean om) {
        sb.append("# HELP ").append(fam).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(fam).append(' ').append(type).append('\n');
    }

    private static String value(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> Long.toString(r.nextLong(1L << 40));
            case 1 -> String.format("%.2f", r.nextDouble() * 100000);
            default -> GoFloat.format(r.nextDouble() * 1e9);
        };
    }
}
