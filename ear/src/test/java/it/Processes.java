package it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting and stopping the real peer processes that integration tests use. */
public final class Processes {

    private Processes() {
    }

    /** Runs a command to completion with a deadline; returns its combined output, fails on non-zero exit. */
    public static String run(Duration deadline, Map<String, String> env, String... cmd)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        File out = File.createTempFile("it-proc", ".log");
        pb.redirectOutput(out);
        Process p = pb.start();
        try {
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("timed out after " + deadline + ": " + String.join(" ", cmd));
            }
            String text = Files.readString(out.toPath());
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + " from " + String.join(" ", cmd) + ":\n" + text);
            }
            return text;
        } finally {
            p.destroyForcibly();
            out.delete();
        }
    }

    public static String run(String... cmd) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(2), Map.of(), cmd);
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** The first existing file among candidates, or null. */
    public static Path firstExisting(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }
}
