package dev.pharos.pushgateway;

import dev.pharos.model.Labels;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine side of the Pushgateway targets: a push of a 50-series group (parse, sanitize,
 * consistency check against 1,000 other groups, encode for storage), its parts, and
 * {@code GET /metrics} of 100,000 series (gather + text format).
 */
@State(Scope.Thread)
public class PushgatewayBench {

    private PushStore store;
    private byte[] body50;
    private Labels[] keys;
    private int next;
    private PushStore big;
    private List<dev.pharos.exposition.MetricFamilyData> parsed50;
    private MetricGroup group50;

    private static final OutputStream NULL = OutputStream.nullOutputStream();

    @Setup
    public void setup() throws Exception {
        StringBuilder sb = new StringBuilder("# HELP bench_value A value.\n# TYPE bench_value gauge\n");
        for (int i = 0; i < 50; i++) {
            sb.append("bench_value{series=\"s").append(i).append("\",path=\"/api/v1/x\"} ").append(i * 1.5).append('\n');
        }
        body50 = sb.toString().getBytes(StandardCharsets.UTF_8);
        store = GatewayMetrics.reserveIn(new PushStore());
        keys = new Labels[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Labels.of("job", "bench", "instance", "host-" + i);
            store.push(keys[i], PushBody.parse("text/plain", body50), true, 1, 0, PushStore.Persister.NONE);
        }
        parsed50 = PushBody.parse("text/plain", body50);
        group50 = store.group(keys[0]);
        big = GatewayMetrics.reserveIn(new PushStore());
        StringBuilder b100 = new StringBuilder("# HELP bench_big A value.\n# TYPE bench_big gauge\n");
        for (int i = 0; i < 100; i++) {
            b100.append("bench_big{series=\"s").append(i).append("\"} ").append(i).append('\n');
        }
        List<dev.pharos.exposition.MetricFamilyData> fams = PushBody.parse("text/plain",
                b100.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 1000; i++) {
            big.push(Labels.of("job", "big", "instance", "host-" + i), fams, true, 1, 0, PushStore.Persister.NONE);
        }
    }

    /** One PUT of 50 series to one of 1,000 groups, with what the service does around it. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public MetricGroup push50() throws Exception {
        Labels key = keys[next++ % keys.length];
        MetricGroup g = store.push(key, PushBody.parse("text/plain", body50), true, 2, 0, (k, x) -> {
            GroupCodec.encodeFamilies(x);
            GroupCodec.id(k);
        });
        return g;
    }

    /** Only the text parse of the 50-series body. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<dev.pharos.exposition.MetricFamilyData> parse50() throws Exception {
        return PushBody.parse("text/plain", body50);
    }

    /** The grouping key's row id (SHA-256 of the key path). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String rowId() {
        return GroupCodec.id(keys[next++ % keys.length]);
    }

    /** Only the consistency check and apply of an already parsed 50-series PUT (no encoding). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public MetricGroup checkAndApply50() throws Exception {
        Labels key = keys[next++ % keys.length];
        return store.push(key, parsed50, true, 2, 0, PushStore.Persister.NONE);
    }

    /** The stored form of a 50-series group, as written now. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] encode50Compact() {
        return GroupCodec.encodeFamilies(group50);
    }

    /** The stored form of a 50-series group as it was before (delimited protobuf), to compare. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] encode50Protobuf() {
        return dev.pharos.exposition.ProtobufFormat.encodeDelimited(List.copyOf(group50.families().values()));
    }

    /** {@code GET /metrics} of 100,000 pushed series (plus 2,000 push-time gauges), text format. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void gather100k() throws Exception {
        GatewayExposition.TEXT.write(big.gather(new GatewayMetrics("bench").families(big.size())), null, NULL);
    }
}
