package dev.pharos.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Tells whether the HTTP client of a request has gone away, for cancelling its query.
 *
 * <p>Why the kernel's socket table: a servlet container only notices a closed connection
 * when it reads or writes, and the query API must not write anything before the result (the
 * status code depends on it). Open Liberty does not implement JAX-RS {@code ConnectionCallback}
 * (OpenLiberty/open-liberty#11179). Linux lists every TCP connection with its state in
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6}; when the client closes its end, the
 * server's end leaves ESTABLISHED (CLOSE_WAIT after a FIN, gone after a reset). This is the
 * signal Prometheus itself uses (Go's http server sees EOF on the idle connection).
 *
 * <p>The connection is identified by the server's local port and the client's address and
 * port, as the request reports them. Reading the table is not cheap (the kernel walks its
 * whole connection hash: 10-50 ms here), so nothing is read for queries that finish within
 * {@code initialDelayNanos}; after that the table is read at most every {@code pollNanos},
 * from the query's own thread (the engine asks every few hundred steps). The first read finds
 * the connection: already in CLOSE_WAIT means the client left; not there (a proxy rewriting
 * ports, a non-Linux host, or a client that reset the connection before the first read) means
 * this watch never reports closed. Later reads report closed once the connection has left
 * ESTABLISHED or is gone.
 */
public final class ClientConnection implements BooleanSupplier {

    static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp6"), Path.of("/proc/net/tcp"));
    private static final String ESTABLISHED = "01";
    static final long DEFAULT_INITIAL_DELAY_NANOS = 500_000_000L;
    static final long DEFAULT_POLL_NANOS = 1_000_000_000L;

    private final List<Path> tables;
    private final int localPort;
    private final int remotePort;
    private final long pollNanos;
    /** The remote address column of the connection, exactly as the table wrote it; null before the first read. */
    private String remoteColumn;
    private boolean untraceable;
    private long nextPoll;
    private volatile boolean closed;

    private ClientConnection(List<Path> tables, int localPort, int remotePort, long initialDelayNanos, long pollNanos) {
        this.tables = tables;
        this.localPort = localPort;
        this.remotePort = remotePort;
        this.pollNanos = pollNanos;
        this.nextPoll = System.nanoTime() + initialDelayNanos;
    }

    /** A supplier that turns true once the connection (server port, client port) is closed by the client. */
    public static BooleanSupplier watch(int localPort, int remotePort) {
        return watch(TABLES, localPort, remotePort, DEFAULT_INITIAL_DELAY_NANOS, DEFAULT_POLL_NANOS);
    }

    static BooleanSupplier watch(List<Path> tables, int localPort, int remotePort, long initialDelayNanos,
            long pollNanos) {
        if (localPort <= 0 || remotePort <= 0) {
            return () -> false;
        }
        return new ClientConnection(tables, localPort, remotePort, initialDelayNanos, pollNanos);
    }

    @Override
    public boolean getAsBoolean() {
        if (closed) {
            return true;
        }
        if (untraceable) {
            return false;
        }
        long now = System.nanoTime();
        if (now - nextPoll < 0) {
            return false;
        }
        String[] found = find(tables, localPort, remotePort, remoteColumn);
        nextPoll = System.nanoTime() + pollNanos;
        if (remoteColumn == null) {
            if (found == null) {
                untraceable = true;
                return false;
            }
            remoteColumn = found[0];
        }
        closed = found == null || !ESTABLISHED.equals(found[1]);
        return closed;
    }

    /**
     * The {remote address column, state} of the connection with this local port and remote
     * port (and remote column, when given); null when absent or ambiguous.
     */
    static String[] find(List<Path> tables, int localPort, int remotePort, String remoteColumn) {
        String localSuffix = ":" + hexPort(localPort);
        String remoteSuffix = ":" + hexPort(remotePort);
        String[] hit = null;
        for (Path table : tables) {
            try (BufferedReader r = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                r.readLine(); // header
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    // "  sl: local rem st ..." - the fields after the slot number.
                    int a = line.indexOf(':') + 1;
                    int[] f = fields(line, a, 3);
                    if (f == null) {
                        continue;
                    }
                    String local = line.substring(f[0], f[1]);
                    if (!local.endsWith(localSuffix)) {
                        continue;
                    }
                    String remote = line.substring(f[2], f[3]);
                    if (!remote.endsWith(remoteSuffix) || (remoteColumn != null && !remote.equals(remoteColumn))) {
                        continue;
                    }
                    String state = line.substring(f[4], f[5]);
                    if (hit != null && remoteColumn == null) {
                        return null; // two clients on the same port from different hosts: cannot tell
                    }
                    hit = new String[] {remote, state};
                }
            } catch (IOException | RuntimeException e) {
                // no such table here (IPv4 only, not Linux): try the next
            }
        }
        return hit;
    }

    /** Start/end offsets of the next {@code n} whitespace-separated fields from {@code from}. */
    private static int[] fields(String line, int from, int n) {
        int[] out = new int[2 * n];
        int i = from;
        for (int k = 0; k < n; k++) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= line.length()) {
                return null;
            }
            out[2 * k] = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            out[2 * k + 1] = i;
        }
        return out;
    }

    private static String hexPort(int port) {
        String h = Integer.toHexString(port).toUpperCase(java.util.Locale.ROOT);
        return "0000".substring(h.length()) + h;
    }
}
