package it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

/**
 * A second Liberty server for one IT (a crash, a restart, PostgreSQL, security): made from the
 * shared IT server's configuration under its own name, with its own ports and data directory.
 */
final class SecondServer {

    private static final Path WLP = Paths.get(System.getProperty("it.wlp.dir", "target/liberty/wlp"));
    private static final String IT_SERVER = System.getProperty("it.server.name", "pharos-it");

    private final String name;

    SecondServer(String name) {
        this.name = name;
    }

    private Path dir() {
        return WLP.resolve("usr/servers").resolve(name);
    }

    /**
     * Makes the server directory anew from the IT server's configuration, with the variables
     * of {@link ServerDirs#writeVariables} ({@code extra} overrides any of them).
     */
    SecondServer create(int httpPort, Path dataDir, Map<String, String> extra) throws IOException {
        ServerDirs.deleteTree(dir());
        ServerDirs.copyConfig(WLP.resolve("usr/servers").resolve(IT_SERVER), dir());
        ServerDirs.writeVariables(dir(), httpPort, dataDir, extra);
        return this;
    }

    /** Starts the server (returns once Liberty is up; the application may still be starting). */
    void start() throws IOException, InterruptedException {
        start(Map.of());
    }

    /** As {@link #start()}, with these environment variables, as an operator would set them. */
    void start(Map<String, String> env) throws IOException, InterruptedException {
        Processes.run(Duration.ofMinutes(3), env, WLP.resolve("bin/server").toString(), "start", name);
    }

    /** Stops the server; one that is already down is fine. */
    void stop() throws InterruptedException {
        try {
            Processes.run(WLP.resolve("bin/server").toString(), "stop", name);
        } catch (IOException e) {
            // already down
        }
    }

    /** The server's JVM, for killing it. */
    ProcessHandle jvm() throws IOException {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + name + ".pid")).trim());
        return ProcessHandle.of(pid).orElseThrow();
    }

    Path messagesLog() {
        return dir().resolve("logs/messages.log");
    }
}
