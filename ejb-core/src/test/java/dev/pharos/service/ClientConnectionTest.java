package dev.pharos.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientConnectionTest {

    @Test
    void findsTheConnectionInATableByPortsAndState(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("tcp");
        Files.writeString(t, String.join("\n",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 00000000:A062 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 0100007F:A062 0100007F:D431 08 00000000:00000000 00:00000000 00000000     0        0 2 1",
                "   2: 0100007F:D431 0100007F:A062 01 00000000:00000000 00:00000000 00000000     0        0 3 1",
                ""));
        // 0xA062 = 41058 (server), 0xD431 = 54321 (client)
        assertArrayEquals(new String[] {"0100007F:D431", "08"}, ClientConnection.find(List.of(t), 41058, 54321, null));
        assertNull(ClientConnection.find(List.of(t), 41058, 54322, null));
        assertNull(ClientConnection.find(List.of(t), 41058, 54321, "0200007F:D431"));
        assertNull(ClientConnection.find(List.of(dir.resolve("missing")), 41058, 54321, null));
    }

    @Test
    void unknownConnectionsNeverReportClosed() {
        BooleanSupplier unknown = ClientConnection.watch(ClientConnection.TABLES, 1, 1, 0, 0);
        assertFalse(unknown.getAsBoolean());
        assertFalse(unknown.getAsBoolean());
        assertFalse(ClientConnection.watch(ClientConnection.TABLES, -1, 5, 0, 0).getAsBoolean());
    }

    /** A real socket pair: open, then closed by the client gracefully (FIN) or by a reset. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void seesTheClientCloseARealConnection(boolean reset) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux only");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            BooleanSupplier gone = ClientConnection.watch(ClientConnection.TABLES, accepted.getLocalPort(),
                    accepted.getPort(), 0, 0);
            assertFalse(gone.getAsBoolean());
            assertFalse(gone.getAsBoolean());
            if (reset) {
                client.setSoLinger(true, 0);
            }
            client.close();
            long end = System.nanoTime() + 5_000_000_000L;
            boolean seen = false;
            while (!seen && System.nanoTime() < end) {
                seen = gone.getAsBoolean();
                Thread.sleep(10);
            }
            assertTrue(seen, "closed connection not seen");
            assertTrue(gone.getAsBoolean(), "stays closed");
        }
    }

    @Test
    void aClientThatLeftBeforeTheFirstReadIsSeen() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux only");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            BooleanSupplier gone = ClientConnection.watch(ClientConnection.TABLES, accepted.getLocalPort(),
                    accepted.getPort(), 100_000_000L, 0);
            client.close(); // FIN: the server's end waits in CLOSE_WAIT
            assertFalse(gone.getAsBoolean(), "nothing is read before the initial delay");
            Thread.sleep(300);
            assertTrue(gone.getAsBoolean());
        }
    }

    @Test
    void pollsAtMostOncePerInterval() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "Linux only");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            BooleanSupplier gone = ClientConnection.watch(ClientConnection.TABLES, accepted.getLocalPort(),
                    accepted.getPort(), 0, 60_000_000_000L);
            assertFalse(gone.getAsBoolean());
            client.close();
            Thread.sleep(100);
            assertFalse(gone.getAsBoolean(), "the next poll is a minute away");
        }
    }
}
