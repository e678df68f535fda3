package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original tools against Pharos's Alertmanager face: amtool (alerts, silences, config)
 * and a real Prometheus server sending its alerts (Debian packages prometheus-alertmanager
 * and prometheus, see .ci/install-peers; skipped when absent).
 */
class AlertmanagerPeersIT {

    static final String AMTOOL = "/usr/bin/amtool";
    static final String PROMETHEUS = "/usr/bin/prometheus";

    static String amtool(String... args) throws Exception {
        String[] cmd = new String[args.length + 2];
        cmd[0] = AMTOOL;
        cmd[1] = "--alertmanager.url=http://127.0.0.1:" + Http.ALERT_PORT;
        System.arraycopy(args, 0, cmd, 2, args.length);
        String out = Processes.run(Duration.ofSeconds(60), Map.of(), cmd);
        // amtool warns on stderr (merged here) that its version differs from Pharos's.
        return out.lines().filter(l -> !l.startsWith("Warning: amtool version"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    static void awaitUp() throws Exception {
        HttpResponse<String> up = Http.await(Http.alert("/api/v2/status"), x -> x.statusCode() == 200,
                Duration.ofMinutes(4));
        assertEquals(200, up == null ? -1 : up.statusCode(), "Alertmanager API not up");
    }

    /** Unique per run: silences persist in the database across runs on the same data directory. */
    static final String NAME = "AmtoolTest" + Long.toString(System.currentTimeMillis(), 36);

    @Test
    void amtoolAlertsSilencesAndConfig(@TempDir Path dir) throws Exception {
        assumeTrue(new File(AMTOOL).canExecute(), "amtool not installed (bash .ci/install-peers)");
        awaitUp();
        amtool("alert", "add", "alertname=" + NAME, "it=amtool", "--annotation=summary=from amtool");
        String q = amtool("alert", "query", "alertname=" + NAME);
        assertTrue(q.contains(NAME) && q.contains("from amtool"), q);

        String id = amtool("silence", "add", "alertname=" + NAME, "--comment=amtool it", "--author=it",
                "--duration=1h").trim();
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        String ids = amtool("silence", "query", "-q");
        assertTrue(ids.contains(id), ids);
        String silenced = amtool("alert", "query", "--silenced", "alertname=" + NAME);
        assertTrue(silenced.contains(NAME), silenced);

        // export, expire, import again (as a new silence)
        String json = amtool("silence", "query", "-o", "json", "alertname=" + NAME);
        assertTrue(json.contains("\"id\":\"" + id + "\""), json);
        amtool("silence", "expire", id);
        assertTrue(!amtool("silence", "query", "-q").contains(id), "expired silence no longer listed");
        Path file = dir.resolve("silences.json");
        Files.writeString(file, json);
        String imported = amtool("silence", "import", file.toString());
        assertTrue(amtool("silence", "query", "-q", "alertname=" + NAME).trim().length() >= 36, imported);

        String config = amtool("config", "show");
        assertTrue(config.contains("route:") && config.contains("receivers:"), config);
        String routes = amtool("config", "routes");
        assertTrue(routes.contains("Routing tree:"), routes);
    }

    @Test
    void prometheusSendsItsAlerts(@TempDir Path dir) throws Exception {
        assumeTrue(new File(PROMETHEUS).canExecute(), "prometheus not installed (bash .ci/install-peers)");
        awaitUp();
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: pharos-it
                    interval: 1s
                    rules:
                      - alert: PharosAlwaysFiring
                        expr: vector(1)
                        labels:
                          it: prometheus
                        annotations:
                          summary: always firing
                """);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  evaluation_interval: 1s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                rule_files: ['rules.yml']
                """.formatted(Http.ALERT_PORT));
        int port = Processes.freePort();
        Process p = new ProcessBuilder(PROMETHEUS, "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                // resend every second: the first send may come before the Alertmanager is discovered
                "--rules.alert.resend-delay=1s")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            HttpResponse<String> r = Http.await(
                    Http.alert("/api/v2/alerts?filter=alertname%3D%22PharosAlwaysFiring%22"),
                    x -> x.body().contains("PharosAlwaysFiring"), Duration.ofSeconds(60));
            assertTrue(r != null && r.body().contains("\"summary\":\"always firing\""),
                    (r == null ? "" : r.body()) + "\n" + Files.readString(dir.resolve("prometheus.log")));
            assertTrue(r.body().contains("\"generatorURL\":\"http://"), r.body());
        } finally {
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
