package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The series metadata, TSDB status and TSDB admin APIs over the server's own self-scrape
 * (job "pharos" in the IT configuration), stored in the real file-based TSDB.
 */
class TsdbApiIT {

    private static HttpResponse<String> post(String path) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(Http.server(path))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void seriesLabelsAndValuesOfTheSelfScrape() throws Exception {
        HttpResponse<String> s = Http.await(Http.server("/api/v1/series?match[]=up%7Bjob%3D%22pharos%22%7D"),
                r -> r.body().contains("\"job\":\"pharos\""), Duration.ofSeconds(60));
        assertTrue(s.body().contains("{\"__name__\":\"up\",\"instance\":\"localhost:"), s.body());
        assertEquals(400, Http.get(Http.server("/api/v1/series")).statusCode(), "match[] is required");

        String labels = Http.get(Http.server("/api/v1/labels")).body();
        assertTrue(labels.contains("\"__name__\"") && labels.contains("\"job\"") && labels.contains("\"instance\""), labels);

        String jobs = Http.get(Http.server("/api/v1/label/job/values")).body();
        assertTrue(jobs.contains("\"pharos\""), jobs);
        String limited = Http.get(Http.server("/api/v1/label/__name__/values?limit=1")).body();
        assertTrue(limited.contains("\"warnings\":[\"results truncated due to limit\"]"), limited);

        String meta = Http.get(Http.server("/api/v1/metadata?metric=prometheus_target_interval_length_seconds")).body();
        assertTrue(meta.contains("\"prometheus_target_interval_length_seconds\":[{\"type\":\"summary\""), meta);
    }

    @Test
    void tsdbStatusAndWalReplay() throws Exception {
        Http.await(Http.server("/api/v1/query?query=up"), r -> r.body().contains("\"value\""), Duration.ofSeconds(60));
        String st = Http.get(Http.server("/api/v1/status/tsdb?limit=3")).body();
        assertTrue(st.contains("\"headStats\":{\"numSeries\":"), st);
        assertTrue(st.contains("\"seriesCountByMetricName\":[{\"name\":"), st);
        String wal = Http.get(Http.server("/api/v1/status/walreplay")).body();
        assertTrue(wal.contains("\"state\":\"done\""), wal);
        HttpResponse<String> blocks = Http.get(Http.server("/api/v1/status/tsdb/blocks"));
        assertEquals(200, blocks.statusCode(), blocks.body());
        assertTrue(blocks.body().startsWith("{\"status\":\"success\",\"data\":["), blocks.body());
    }

    @Test
    void deleteSeriesRemovesDataAndSnapshotWritesADirectory() throws Exception {
        Http.await(Http.server("/api/v1/query?query=scrape_series_added%7Bjob%3D%22pharos%22%7D"),
                r -> r.body().contains("\"value\""), Duration.ofSeconds(60));
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> del = post("/api/v1/admin/tsdb/delete_series?match[]=scrape_series_added&end=" + now);
        assertEquals(204, del.statusCode(), del.body());
        String q = Http.get(Http.server("/api/v1/query?query=scrape_series_added&time=" + now)).body();
        assertTrue(q.contains("\"result\":[]"), "deleted up to " + now + ": " + q);
        HttpResponse<String> later = Http.await(Http.server("/api/v1/query?query=scrape_series_added"),
                r -> r.body().contains("\"value\""), Duration.ofSeconds(30));
        assertTrue(later.body().contains("\"value\""), "samples after the deleted range are kept: " + later.body());
        assertEquals(204, post("/api/v1/admin/tsdb/clean_tombstones").statusCode());

        HttpResponse<String> snap = post("/api/v1/admin/tsdb/snapshot");
        assertEquals(200, snap.statusCode(), snap.body());
        String name = snap.body().replaceAll(".*\"name\":\"([^\"]+)\".*", "$1");
        assertTrue(Files.isDirectory(Paths.get(System.getProperty("it.data.dir"), "tsdb", "snapshots", name)), name);
    }
}
