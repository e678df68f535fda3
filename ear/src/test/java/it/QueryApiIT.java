package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PromQL HTTP API in Prometheus's exact JSON, over the server's own self-scrape. */
class QueryApiIT {

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void selfScrapeHasData() throws Exception {
        Http.await(Http.server("/api/v1/query?query=" + enc("up{job=\"pharos\"}")),
                r -> r.body().contains("\"value\""), Duration.ofSeconds(60));
    }

    @Test
    void instantQueryByGetAndFormPost() throws Exception {
        String get = Http.get(Http.server("/api/v1/query?query=" + enc("up{job=\"pharos\"} * 2"))).body();
        assertTrue(get.matches("\\{\"status\":\"success\",\"data\":\\{\"resultType\":\"vector\",\"result\":\\[\\{\"metric\":\\{"
                + "\"instance\":\"localhost:[0-9]+\",\"job\":\"pharos\"\\},\"value\":\\[[0-9]+(\\.[0-9]+)?,\"2\"\\]\\}\\]\\}\\}"), get);
        HttpResponse<String> post = Http.post(Http.server("/api/v1/query"), "application/x-www-form-urlencoded",
                "query=" + enc("scalar(vector(1.5))") + "&time=1700000000.123");
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000.123,\"1.5\"]}}",
                post.body());
        String str = Http.get(Http.server("/api/v1/query?query=" + enc("\"hello\"") + "&time=10")).body();
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[10,\"hello\"]}}", str);
    }

    @Test
    void valuesAreWrittenAsPrometheusWritesThem() throws Exception {
        String q = "vector(1e-7) or label_replace(vector(1e21), \"a\", \"b\", \"\", \"\")"
                + " or label_replace(vector(+Inf), \"a\", \"c\", \"\", \"\")";
        String body = Http.get(Http.server("/api/v1/query?time=100&query=" + enc(q))).body();
        assertTrue(body.contains("[100,\"1e-07\"]"), body);
        assertTrue(body.contains("[100,\"1e+21\"]"), body);
        assertTrue(body.contains("[100,\"+Inf\"]"), body);
    }

    @Test
    void rangeQueryReturnsAMatrixAndStats() throws Exception {
        long end = System.currentTimeMillis() / 1000;
        String body = Http.get(Http.server("/api/v1/query_range?query=" + enc("vector(3)") + "&start=" + (end - 60)
                + "&end=" + end + "&step=15s&stats=all")).body();
        assertTrue(body.startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[["
                + (end - 60) + ",\"3\"],[" + (end - 45) + ",\"3\"]"), body);
        assertTrue(body.contains("\"stats\":{\"timings\":{"), body);
        HttpResponse<String> tooMany = Http.get(Http.server("/api/v1/query_range?query=up&start=0&end=100000&step=1"));
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("exceeded maximum resolution of 11,000 points per timeseries"), tooMany.body());
    }

    @Test
    void executionErrorsAre422() throws Exception {
        HttpResponse<String> r = Http.get(Http.server("/api/v1/query?query="
                + enc("label_replace(up, \"x\", \"y\", \"job\", \"(\")")));
        assertTrue(r.statusCode() == 400 || r.statusCode() == 422, r.statusCode() + " " + r.body());
        HttpResponse<String> dup = Http.get(Http.server("/api/v1/query?query="
                + enc("label_replace(vector(1), \"a\", \"x\", \"\", \"\") or label_replace(vector(2), \"a\", \"x\", \"\", \"\") + on() group_left vector(3)")));
        assertTrue(dup.body().startsWith("{\"status\":"), dup.body());
    }

    @Test
    void formatAndParseQuery() throws Exception {
        String f = Http.get(Http.server("/api/v1/format_query?query=" + enc("sum(rate(foo[5m]))by(job)"))).body();
        assertEquals("{\"status\":\"success\",\"data\":\"sum by (job) (rate(foo[5m]))\"}", f);
        String p = Http.get(Http.server("/api/v1/parse_query?query=" + enc("up == 1"))).body();
        assertTrue(p.startsWith("{\"status\":\"success\",\"data\":{"), p);
        assertTrue(p.contains("\"binaryExpr\"") || p.contains("\"op\":\"==\""), p);
        HttpResponse<String> bad = Http.get(Http.server("/api/v1/format_query?query=" + enc("sum(")));
        assertEquals(400, bad.statusCode());
    }

    @Test
    void limitTruncatesWithAWarning() throws Exception {
        String body = Http.get(Http.server("/api/v1/query?limit=1&query=" + enc("{__name__=~\"scrape_.*\",job=\"pharos\"}"))).body();
        assertTrue(body.contains("\"warnings\":[\"results truncated due to limit\"]"), body);
    }

    @Test
    void exemplarsAnswerAnEmptyList() throws Exception {
        String body = Http.get(Http.server("/api/v1/query_exemplars?query=up&start=0&end=10")).body();
        assertEquals("{\"status\":\"success\",\"data\":[]}", body);
    }
}
