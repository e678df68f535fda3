package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL switch, end to end: a real PostgreSQL (Debian's package, started here on a
 * free port with its own data directory) and a second Liberty server made from the IT
 * server's configuration with nothing changed but the database variables. Pharos must come
 * up, create its schema in PostgreSQL and serve JPA-backed endpoints from it.
 */
class PostgresIT {

    private static final SecondServer SERVER = new SecondServer("pharos-pg");

    private static Path pgData;
    private static Path pgBin;
    private static int pgPort;
    private static int httpPort;
    private static int pushPort;

    @BeforeAll
    static void startPostgresAndPharos() throws Exception {
        pgBin = findPgBin();
        assertNotNull(pgBin, "PostgreSQL server binaries not found: run .ci/install-peers (apt package postgresql)");
        pgPort = Processes.freePort();
        pgData = Files.createTempDirectory("pharos-pg");
        Files.setPosixFilePermissions(pgData, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path cluster = pgData.resolve("cluster");
        asPostgres(pgBin.resolve("initdb") + " -D " + cluster + " -U postgres -A trust --no-sync");
        asPostgres(pgBin.resolve("pg_ctl") + " -D " + cluster + " -l " + pgData.resolve("pg.log")
                + " -o '-p " + pgPort + " -k " + pgData + " -c listen_addresses=127.0.0.1' -w start");
        psql("postgres", "CREATE USER pharos PASSWORD 'pharos-pw'");
        psql("postgres", "CREATE DATABASE pharos OWNER pharos");

        httpPort = Processes.freePort();
        pushPort = Processes.freePort();
        SERVER.create(httpPort, pgData.resolve("pharos-data"), Map.of("pharos.push.port", String.valueOf(pushPort)));
        // The switch itself: environment variables only, as an operator would set them.
        SERVER.start(Map.of(
                        "PHAROS_DB", "postgresql",
                        "PHAROS_PG_HOST", "127.0.0.1",
                        "PHAROS_PG_PORT", String.valueOf(pgPort),
                        "PHAROS_PG_DATABASE", "pharos",
                        "PHAROS_PG_USER", "pharos",
                        "PHAROS_PG_PASSWORD", "pharos-pw"));
    }

    @AfterAll
    static void stopAll() throws Exception {
        SERVER.stop();
        if (pgBin != null && pgData != null) {
            try {
                asPostgres(pgBin.resolve("pg_ctl") + " -D " + pgData.resolve("cluster") + " -m immediate stop");
            } catch (IOException e) {
                // already down
            }
            ServerDirs.deleteTree(pgData);
        }
    }

    @Test
    void pharosKeepsItsMetadataInPostgres() throws Exception {
        String base = "http://localhost:" + httpPort;
        HttpResponse<String> ready = Http.await(base + "/-/ready", r -> r.statusCode() == 200, Duration.ofMinutes(3));
        assertNotNull(ready, "server with PHAROS_DB=postgresql did not answer");
        assertEquals(200, ready.statusCode());

        HttpResponse<String> audit = Http.await(base + "/api/v1/audit", r -> r.statusCode() == 200, Duration.ofMinutes(1));
        assertEquals(200, audit.statusCode(), audit.body());

        String tables = psql("pharos", "SELECT table_name FROM information_schema.tables WHERE table_schema='public'");
        assertTrue(tables.contains("pharos_audit"), "schema created in PostgreSQL: " + tables);

        String log = Files.readString(SERVER.messagesLog());
        assertTrue(!log.contains("DSRA8203I: Database product name : H2"), "must not fall back to H2");
    }

    private static int put(String path, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + pushPort + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body))).statusCode();
    }

    private static String rows() throws Exception {
        return psql("pharos", "SELECT group_key, push_time_ms > 0, length(families) > 20 FROM pharos_pushgateway_group "
                + "ORDER BY group_key").trim();
    }

    /**
     * The Pushgateway's group commit (batched JDBC UPDATE/INSERT/DELETE of
     * PushGroupRepository.apply) on PostgreSQL: acknowledged pushes are rows, a rejected push
     * changes no row, a delete removes the row.
     */
    @Test
    void pushgatewayGroupsAreRowsInPostgres() throws Exception {
        String base = "http://localhost:" + pushPort;
        HttpResponse<String> ready = Http.await(base + "/metrics", r -> r.statusCode() == 200, Duration.ofMinutes(3));
        assertNotNull(ready, "server with PHAROS_DB=postgresql did not answer");
        assertEquals(200, ready.statusCode());

        assertEquals(200, put("/metrics/job/pg/instance/a", "# TYPE pg_value gauge\npg_value{s=\"1\"} 1\n"));
        assertEquals(200, put("/metrics/job/pg/instance/b", "# TYPE pg_value gauge\npg_value{s=\"1\"} 2\n"));
        assertEquals(200, put("/metrics/job/pg/instance/a", "# TYPE pg_value gauge\npg_value{s=\"1\"} 3\n"));
        String stored = rows();
        assertEquals(2, stored.lines().count(), stored);
        assertTrue(stored.lines().allMatch(l -> l.endsWith("|t|t")), stored);
        String times = psql("pharos", "SELECT push_time_ms FROM pharos_pushgateway_group ORDER BY group_key");

        // counter vs gauge: refused, and the rows keep their push times
        assertEquals(400, put("/metrics/job/pg/instance/b", "# TYPE pg_value counter\npg_value{s=\"2\"} 1\n"));
        assertEquals(times, psql("pharos", "SELECT push_time_ms FROM pharos_pushgateway_group ORDER BY group_key"));
        assertTrue(Http.get(base + "/metrics").body().contains("pg_value{instance=\"a\",job=\"pg\",s=\"1\"} 3"));

        assertEquals(202, Http.send(HttpRequest.newBuilder(URI.create(base + "/metrics/job/pg/instance/b")).DELETE())
                .statusCode());
        assertEquals(1, rows().lines().count(), rows());
    }

    private static Path findPgBin() throws IOException {
        Path root = Paths.get("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElse(null);
        }
    }

    /** initdb refuses to run as root: run PostgreSQL's tools as the postgres user when we are root. */
    private static String asPostgres(String command) throws IOException, InterruptedException {
        if ("root".equals(System.getProperty("user.name"))) {
            return Processes.run("runuser", "-u", "postgres", "--", "sh", "-c", command);
        }
        return Processes.run("sh", "-c", command);
    }

    private static String psql(String database, String sql) throws IOException, InterruptedException {
        return Processes.run(pgBin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(pgPort),
                "-U", "postgres", "-d", database, "-At", "-c", sql);
    }

}
