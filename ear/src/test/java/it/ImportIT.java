package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Backfill through POST /api/v1/import/openmetrics: old data lands in blocks; bad input changes nothing. */
class ImportIT {

    private static final String URL = Http.server("/api/v1/import/openmetrics");

    private static String query(String expr, long timeSeconds) throws Exception {
        return Http.get(Http.server("/api/v1/query?time=" + timeSeconds + "&query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8))).body();
    }

    @Test
    void importsTwoDaysAgoAndRefusesMalformedBodiesWhole() throws Exception {
        String run = String.valueOf(System.nanoTime());
        // Half an hour into a 2h block two days ago, so that the three samples land in one block
        // whatever the time of day the test runs.
        long twoDaysAgo = System.currentTimeMillis() / 1000 - 2 * 86400;
        long t0 = twoDaysAgo - Math.floorMod(twoDaysAgo, 7200) + 1800;
        String body = """
                # HELP import_test_total Imported.
                # TYPE import_test_total counter
                import_test_total{run="%1$s",k="a"} 1 %2$d
                import_test_total{run="%1$s",k="a"} 2 %3$d
                import_test_total{run="%1$s",k="b"} 5 %2$d
                # EOF
                """.formatted(run, t0, t0 + 60);
        HttpResponse<String> ok = Http.post(URL, "application/openmetrics-text", body);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"series\":2,\"samples\":3,\"blocks\":"), ok.body());

        String v = query("import_test_total{run=\"" + run + "\",k=\"a\"}", t0 + 61);
        assertTrue(v.contains("\"2\"]"), v);
        String sum = query("sum(import_test_total{run=\"" + run + "\"})", t0 + 1);
        assertTrue(sum.contains("\"6\"]"), sum);
        String blocks = Http.get(Http.server("/api/v1/status/tsdb/blocks")).body();
        assertTrue(blocks.contains("\"numSamples\":3"), "the imported block is in the JPA catalog: " + blocks);

        String bad = """
                # TYPE import_bad gauge
                import_bad{run="%1$s"} 1 %2$d
                import_bad{run="%1$s"} oops %2$d
                # EOF
                """.formatted(run, t0);
        HttpResponse<String> r = Http.post(URL, "application/openmetrics-text", bad);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("line 3"), r.body());
        assertTrue(query("import_bad{run=\"" + run + "\"}", t0 + 1).contains("\"result\":[]"));

        HttpResponse<String> noTs = Http.post(URL, "application/openmetrics-text",
                "import_bad{run=\"" + run + "\"} 1\n# EOF\n");
        assertEquals(400, noTs.statusCode(), noTs.body());
        assertTrue(noTs.body().contains("line 1") && noTs.body().contains("timestamp"), noTs.body());

        String audit = Http.get(Http.server("/api/v1/audit")).body();
        assertTrue(audit.contains("import.openmetrics"), audit);
    }
}
