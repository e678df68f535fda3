package it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian package {@code prometheus}, see .ci/install-peers) started by a test
 * on a free port with its own config and temporary storage, for the remote write/read ITs.
 */
final class RemotePrometheus implements AutoCloseable {

    static final Path BIN = Paths.get("/usr/bin/prometheus");

    final int port;
    final Path dir;
    private final Process process;

    private RemotePrometheus(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Starts Prometheus with the given prometheus.yml text ({@code {{PORT}}} stands for the port
     * Prometheus listens on) and waits until it is ready.
     */
    static RemotePrometheus start(String config) throws IOException, InterruptedException {
        return startWithArgs(config);
    }

    /** As {@link #start}, with extra command-line flags. */
    static RemotePrometheus startWithArgs(String config, String... extra) throws IOException, InterruptedException {
        return startOn(config, null, extra);
    }

    /**
     * As {@link #startWithArgs}, on an existing storage directory (e.g. blocks made by
     * {@code promtool tsdb create-blocks-from}); it is deleted with the rest on close only if it
     * lies inside the Prometheus directory.
     */
    static RemotePrometheus startOn(String config, Path tsdbPath, String... extra) throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN)) {
            throw new IllegalStateException(BIN + " not found: run .ci/install-peers (apt package prometheus)");
        }
        Path dir = Files.createTempDirectory("pharos-it-prom");
        int port = Processes.freePort();
        Files.writeString(dir.resolve("prometheus.yml"), config.replace("{{PORT}}", String.valueOf(port)));
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(BIN.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + (tsdbPath != null ? tsdbPath : dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=debug"));
        cmd.addAll(java.util.List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        RemotePrometheus prom = new RemotePrometheus(port, dir, p);
        var ready = Http.await(prom.url("/-/ready"), r -> r.statusCode() == 200, Duration.ofSeconds(60));
        if (ready == null || ready.statusCode() != 200) {
            String log = prom.log();
            prom.close();
            throw new IllegalStateException("prometheus did not get ready:\n" + log);
        }
        return prom;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String log() throws IOException {
        Path f = dir.resolve("prometheus.log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
