package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Pushgateway face on the real server: the original README's curl pushes, the official
 * Java client's exporter, the consistency check (rejected pushes change nothing), promtool,
 * a scrape by Pharos itself with honor_labels, expiry, and a restart that keeps every group.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushgatewayIT {

    /** The server is up before the application is: wait for the Pushgateway face itself. */
    @org.junit.jupiter.api.BeforeAll
    static void awaitApplication() throws Exception {
        HttpResponse<String> r = Http.await(Http.push("/metrics"), x -> x.statusCode() == 200, Duration.ofMinutes(4));
        assertEquals(200, r == null ? -1 : r.statusCode(), "the Pushgateway face did not come up");
    }

    private static final String BASE = "http://localhost:" + Http.PUSH_PORT;

    /** Runs a shell pipeline (as the README's examples are written) and returns its stdout. */
    private static String sh(String script) throws Exception {
        return Processes.run(Duration.ofMinutes(1), Map.of("PG", BASE), "bash", "-c", "set -o pipefail; " + script);
    }

    private static String metrics() throws Exception {
        HttpResponse<String> r = Http.get(Http.push("/metrics"));
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.push(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The exposition without what a rejected push may legitimately change. */
    private static String stable(String exposition) {
        return exposition.replaceAll("(?m)^push_failure_time_seconds.*\n", "").replaceAll("(?m)^pushgateway_.*\n", "")
                .replaceAll("(?m)^# (HELP|TYPE) pushgateway_.*\n", "");
    }

    @Test
    @Order(1)
    void outputPassesPromtool() throws Exception {
        assertEquals(202, send("PUT", "/api/v1/admin/wipe", null).statusCode());
        String body = "# HELP it_jobs_processed_total Jobs processed.\n# TYPE it_jobs_processed_total counter\n"
                + "it_jobs_processed_total{kind=\"a\"} 3\n# HELP it_last_run_seconds Last run.\n"
                + "# TYPE it_last_run_seconds gauge\nit_last_run_seconds 1.7e9\n"
                + "# HELP it_duration_seconds Durations.\n# TYPE it_duration_seconds histogram\n"
                + "it_duration_seconds_bucket{le=\"0.5\"} 1\nit_duration_seconds_bucket{le=\"+Inf\"} 2\n"
                + "it_duration_seconds_sum 1.5\nit_duration_seconds_count 2\n";
        assertEquals(200, send("PUT", "/metrics/job/promtool/instance/a", body).statusCode());
        assertEquals(200, send("PUT", "/metrics/job/promtool/instance/b", body).statusCode());
        Path f = Files.createTempFile("pg-metrics", ".txt");
        Files.writeString(f, metrics());
        // promtool comes from the Debian package prometheus (.ci/install-peers); fail if missing.
        assertTrue(new File("/usr/bin/promtool").canExecute(), "promtool missing: run .ci/install-peers");
        String out = sh("promtool check metrics < " + f);
        assertFalse(out.contains("error"), out);
        Files.delete(f);
        // and the OpenMetrics and protobuf forms are served on request
        HttpResponse<String> om = Http.send(HttpRequest.newBuilder(URI.create(Http.push("/metrics")))
                .header("Accept", "application/openmetrics-text;version=1.0.0").GET());
        assertTrue(om.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(om.body().endsWith("# EOF\n"), om.body());
        assertTrue(om.body().contains("it_jobs_processed_total{instance=\"a\",job=\"promtool\",kind=\"a\"} 3"), om.body());
        HttpResponse<byte[]> pb = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Http.push("/metrics")))
                .header("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(pb.headers().firstValue("Content-Type").orElse("").startsWith("application/vnd.google.protobuf"));
        assertTrue(pb.body().length > 100);
    }

    @Test
    @Order(2)
    void readmeCurlExamples() throws Exception {
        assertEquals("200", sh("echo \"some_metric 3.14\" | curl -s -o /dev/null -w '%{http_code}' --data-binary @- "
                + "$PG/metrics/job/some_job"));
        String second = "cat <<EOF | curl -s -o /dev/null -w '%{http_code}' --data-binary @- "
                + "$PG/metrics/job/some_job/instance/some_instance\n"
                + "# TYPE some_metric counter\nsome_metric{label=\"val1\"} 42\n# TYPE another_metric gauge\n"
                + "# HELP another_metric Just an example.\nanother_metric 2398.283\nEOF";
        // some_metric is untyped in the first group and a counter here: inconsistent, 400 as in the original
        assertEquals("400", sh(second));
        String m = metrics();
        assertTrue(m.contains("some_metric{instance=\"\",job=\"some_job\"} 3.14\n"), m);
        assertTrue(m.contains("push_time_seconds{instance=\"\",job=\"some_job\"} "), m);
        assertTrue(m.contains("push_failure_time_seconds{instance=\"\",job=\"some_job\"} 0\n"), m);
        assertEquals("202", sh("curl -s -o /dev/null -w '%{http_code}' -X DELETE $PG/metrics/job/some_job"));
        assertEquals("200", sh(second));
        m = metrics();
        assertTrue(m.contains("# TYPE some_metric counter\nsome_metric{instance=\"some_instance\",job=\"some_job\",label=\"val1\"} 42\n"), m);
        assertTrue(m.contains("another_metric{instance=\"some_instance\",job=\"some_job\"} 2398.283\n"), m);
        assertTrue(m.contains("# HELP another_metric Just an example.\n"), m);
        assertEquals("202", sh("curl -s -o /dev/null -w '%{http_code}' -X DELETE $PG/metrics/job/some_job/instance/some_instance"));
        assertEquals("202", sh("curl -s -o /dev/null -w '%{http_code}' -X DELETE $PG/metrics/job/some_job"));
        assertFalse(metrics().contains("job=\"some_job\""));
        sh("echo 'some_metric{foo=\"bar\"} 3.14' | curl -sf --data-binary @- "
                + "$PG/metrics/job/directory_cleaner/path@base64/$(echo -n '/var/tmp' | base64 | tr '+/' '-_' | tr -d '=')");
        sh("echo 'x_empty 1' | curl -sf --data-binary @- $PG/metrics/job/example/first_label@base64/=/second_label/foobar");
        sh("echo 'x_titan 1' | curl -sf --data-binary @- "
                + "$PG/metrics/job/titan/name/%CE%A0%CF%81%CE%BF%CE%BC%CE%B7%CE%B8%CE%B5%CF%8D%CF%82");
        sh("echo 'x_titan 2' | curl -sf --data-binary @- $PG/metrics/job/titan/name@base64/zqDPgc6_zrzOt864zrXPjc-C");
        sh("echo 'x_gzip 7' | gzip | curl -sf -H 'Content-Encoding: gzip' --data-binary @- $PG/metrics/job/gzipped");
        m = metrics();
        assertTrue(m.contains("some_metric{foo=\"bar\",instance=\"\",job=\"directory_cleaner\",path=\"/var/tmp\"} 3.14\n"), m);
        assertTrue(m.contains("x_empty{first_label=\"\",instance=\"\",job=\"example\",second_label=\"foobar\"} 1\n"), m);
        assertTrue(m.contains("x_titan{instance=\"\",job=\"titan\",name=\"Προμηθεύς\"} 2\n"), m);
        assertFalse(m.contains("x_titan{instance=\"\",job=\"titan\",name=\"Προμηθεύς\"} 1\n"), "same group, replaced");
        assertTrue(m.contains("x_gzip{instance=\"\",job=\"gzipped\"} 7\n"), m);
        // the JSON API lists the groups as the original does
        HttpResponse<String> api = Http.get(Http.push("/api/v1/metrics"));
        assertEquals(200, api.statusCode());
        assertTrue(api.body().startsWith("{\"status\":\"success\",\"data\":["), api.body());
        assertTrue(api.body().contains("\"labels\":{\"job\":\"gzipped\"},\"last_push_successful\":true,"), api.body());
        assertTrue(api.body().contains("\"x_gzip\":{\"time_stamp\":"), api.body());
        HttpResponse<String> status = Http.get(Http.push("/api/v1/status"));
        assertTrue(status.body().contains("\"build_information\":{") && status.body().contains("\"start_time\":"),
                status.body());
        HttpResponse<String> page = Http.get(Http.push("/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("x_gzip") && page.body().contains("Delete group"), page.body());
    }

    @ParameterizedTest
    @CsvSource({"PROMETHEUS_TEXT", "PROMETHEUS_PROTOBUF"})
    @Order(3)
    void officialJavaClient(Format format) throws Exception {
        PrometheusRegistry reg = new PrometheusRegistry();
        Counter c = Counter.builder().name("it_client_requests_total").help("Requests.").labelNames("path")
                .register(reg);
        c.labelValues("/a").inc(5);
        Gauge g = Gauge.builder().name("it_client_temperature").help("Temp.").register(reg);
        g.set(21.5);
        Histogram h = Histogram.builder().name("it_client_latency_seconds").help("Latency.")
                .classicUpperBounds(0.1, 1).register(reg);
        h.observe(0.05);
        h.observe(0.5);
        String job = "java_" + format.name().toLowerCase();
        PushGateway pg = PushGateway.builder().address("localhost:" + Http.PUSH_PORT).job(job)
                .groupingKey("instance", "i1").format(format).registry(reg).build();
        pg.push();
        String m = metrics();
        assertTrue(m.contains("it_client_requests_total{instance=\"i1\",job=\"" + job + "\",path=\"/a\"} 5\n"), m);
        assertTrue(m.contains("it_client_temperature{instance=\"i1\",job=\"" + job + "\"} 21.5\n"), m);
        assertTrue(m.contains("it_client_latency_seconds_bucket{instance=\"i1\",job=\"" + job + "\",le=\"1\"} 2\n"), m);
        g.set(22);
        pg.pushAdd();
        assertTrue(metrics().contains("it_client_temperature{instance=\"i1\",job=\"" + job + "\"} 22\n"));
        pg.delete();
        assertFalse(metrics().contains("job=\"" + job + "\""));
    }

    @Test
    @Order(4)
    void rejectedPushesChangeNothing() throws Exception {
        assertEquals(200, send("PUT", "/metrics/job/consistent",
                "# TYPE it_c gauge\nit_c{a=\"1\"} 1\n# TYPE it_s summary\nit_s_sum 1\nit_s_count 1\n").statusCode());
        assertEquals(200, send("PUT", "/metrics/job/consistent/instance/x", "it_other 1\n").statusCode());
        String before = stable(metrics());
        String[][] bad = {
            {"/metrics/job/other", "# TYPE it_c counter\nit_c 1\n", "has type COUNTER but should have GAUGE"},
            {"/metrics/job/consistent/a/1", "# TYPE it_c gauge\nit_c 2\n", "was collected before"},
            {"/metrics/job/other", "it_t 1 1700000000000\n", "must not have timestamps"},
            {"/metrics/job/consistent", "it_t 1 1700000000000\n", "must not have timestamps"},
            {"/metrics/job/other", "0bad 1\n", ""},
            {"/metrics/job/other", "it_x{__reserved=\"1\"} 1\n", "reserved"},
            {"/metrics/job/other", "# TYPE it_s_count gauge\nit_s_count 3\n", "collides"},
            {"/metrics/job/other", "it_m{a=\"1\" 1\n", ""},
        };
        for (String[] b : bad) {
            for (String method : new String[] {"PUT", "POST"}) {
                HttpResponse<String> r = send(method, b[0], b[1]);
                assertEquals(400, r.statusCode(), method + " " + b[0] + " " + b[1] + " -> " + r.body());
                assertTrue(r.body().contains(b[2]), r.body());
                assertEquals(before, stable(metrics()), "state changed by " + b[1]);
            }
        }
        assertEquals(400, send("PUT", "/metrics/job/", "x 1\n").statusCode());
        assertEquals(400, send("PUT", "/metrics/job/a/odd", "x 1\n").statusCode());
        String failed = metrics();
        assertTrue(failed.matches("(?s).*\npush_failure_time_seconds\\{instance=\"\",job=\"consistent\"} [1-9].*"),
                "the failure time of the group is set, as the original does");
        assertEquals(405, Http.get(Http.push("/metrics/job/consistent")).statusCode());
    }

    @Test
    @Order(5)
    void bodyLimit() throws Exception {
        byte[] big = new byte[17 << 20];
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(big); // a small gzip body that inflates beyond the limit
        }
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(Http.push("/metrics/job/big"))).header("Content-Encoding", "gzip")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bos.toByteArray())));
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    @Order(6)
    void scrapedByPharosWithHonorLabels() throws Exception {
        assertEquals(200, send("PUT", "/metrics/job/scraped_job/instance/inst1",
                "# TYPE it_scraped_value gauge\nit_scraped_value 42.5\n").statusCode());
        String q = Http.server("/api/v1/query?query=" + URLEncoder.encode(
                "it_scraped_value{job=\"scraped_job\",instance=\"inst1\"}", StandardCharsets.UTF_8));
        HttpResponse<String> r = Http.await(q, x -> x.body().contains("\"42.5\""), Duration.ofSeconds(60));
        assertNotNull(r);
        assertTrue(r.body().contains("\"42.5\""), r.body());
        HttpResponse<String> t = Http.get(Http.server("/api/v1/query?query=" + URLEncoder.encode(
                "push_time_seconds{job=\"scraped_job\"} > 0", StandardCharsets.UTF_8)));
        assertTrue(t.body().contains("\"instance\":\"inst1\""), t.body());
    }

    @Test
    @Order(7)
    void groupsExpireWhenAsked() throws Exception {
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(Http.push("/metrics/job/ephemeral")))
                .header("Pharos-Push-Expiry", "1s").PUT(HttpRequest.BodyPublishers.ofString("it_eph 1\n")));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(metrics().contains("job=\"ephemeral\""));
        HttpResponse<String> gone = Http.await(Http.push("/metrics"), x -> !x.body().contains("job=\"ephemeral\""),
                Duration.ofSeconds(20));
        assertFalse(gone.body().contains("job=\"ephemeral\""));
        assertTrue(gone.body().matches("(?s).*\npushgateway_groups_expired_total [1-9].*"), gone.body());
    }

    @Test
    @Order(8)
    void restartKeepsEveryGroup() throws Exception {
        assertEquals(200, send("PUT", "/metrics/job/durable/instance@base64/=",
                "# HELP it_durable Kept.\n# TYPE it_durable summary\nit_durable{quantile=\"0.5\"} 1.25\n"
                + "it_durable_sum 10\nit_durable_count 4\n").statusCode());
        String before = stable(metrics());
        String wlp = System.getProperty("it.wlp.dir");
        String server = System.getProperty("it.server.name");
        Processes.run(Duration.ofMinutes(3), Map.of(), wlp + "/bin/server", "stop", server);
        // always start it again: the other ITs need the server
        Processes.run(Duration.ofMinutes(4), Map.of(), wlp + "/bin/server", "start", server);
        Http.await(Http.push("/-/ready"), x -> x.statusCode() == 200, Duration.ofMinutes(3));
        Http.await(Http.server("/-/ready"), x -> x.statusCode() == 200, Duration.ofMinutes(3));
        HttpResponse<String> after = Http.await(Http.push("/metrics"), x -> x.statusCode() == 200, Duration.ofMinutes(2));
        assertEquals(before, stable(after.body()));
        assertTrue(after.body().contains("it_durable{instance=\"\",job=\"durable\",quantile=\"0.5\"} 1.25\n"), after.body());
    }
}
