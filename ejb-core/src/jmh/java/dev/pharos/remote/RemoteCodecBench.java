package dev.pharos.remote;

import dev.pharos.model.Labels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a typical Prometheus remote-write batch (2000 series of 6 labels, one sample each,
 * as Prometheus's default max_samples_per_send sends) and XOR-encoding samples for remote read.
 * Figures are samples per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RemoteCodecBench {

    static final int SERIES = 2000;

    byte[] body;
    final WriteRequestDecoder decoder = new WriteRequestDecoder();
    final long[] ts = new long[120];
    final double[] vs = new double[120];
    final PromXorChunk chunk = new PromXorChunk();

    @Setup
    public void setup() {
        WriteRequestEncoder enc = new WriteRequestEncoder();
        for (int i = 0; i < SERIES; i++) {
            enc.add(Labels.of("__name__", "http_requests_total", "job", "api", "instance", "10.0.0." + (i % 50) + ":9100",
                    "method", i % 2 == 0 ? "GET" : "POST", "code", String.valueOf(200 + i % 5), "handler", "/h" + i),
                    1_700_000_000_000L, i * 1.5);
        }
        body = enc.finish();
        for (int i = 0; i < ts.length; i++) {
            ts[i] = 1_700_000_000_000L + 15_000L * i + (i % 3);
            vs[i] = 1000 + i * 3;
        }
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void decodeWriteRequest(Blackhole bh) throws MalformedProtobufException {
        decoder.decode(body, 0, body.length, new WriteRequestDecoder.Sink() {
            @Override
            public void series(Labels labels) {
                bh.consume(labels);
            }

            @Override
            public void sample(long t, double v) {
                bh.consume(t);
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(120)
    public int encodeXorChunk() {
        chunk.reset();
        for (int i = 0; i < ts.length; i++) {
            chunk.append(ts[i], vs[i]);
        }
        return chunk.sizeBytes();
    }
}
