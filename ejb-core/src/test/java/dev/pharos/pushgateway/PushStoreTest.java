package dev.pharos.pushgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.exposition.MetricFamilyData;
import dev.pharos.model.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushStoreTest {

    private final PushStore store = GatewayMetrics.reserveIn(new PushStore());

    private static List<MetricFamilyData> text(String body) throws PushException {
        return PushBody.parse("text/plain", body.getBytes(StandardCharsets.UTF_8));
    }

    private MetricGroup push(String path, String body, boolean replace) throws PushException {
        return store.push(GroupingKey.parse(path), text(body), replace, 1_000_000, 0, PushStore.Persister.NONE);
    }

    private String exposition() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GatewayExposition.TEXT.write(store.gather(List.of()), null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/job/some_job|{job=\"some_job\"}",
        "/job/some_job/instance/some_instance|{instance=\"some_instance\", job=\"some_job\"}",
        "/job/directory_cleaner/path@base64/L3Zhci90bXA|{job=\"directory_cleaner\", path=\"/var/tmp\"}",
        "/job/example/first_label@base64/=/second_label/foobar|{first_label=\"\", job=\"example\", second_label=\"foobar\"}",
        "/job/titan/name/%CE%A0%CF%81%CE%BF%CE%BC%CE%B7%CE%B8%CE%B5%CF%8D%CF%82|{job=\"titan\", name=\"Προμηθεύς\"}",
        "/job/titan/name@base64/zqDPgc6_zrzOt864zrXPjc-C|{job=\"titan\", name=\"Προμηθεύς\"}",
        "/job@base64/YS9i|{job=\"a/b\"}",
    })
    void groupingKeysAsTheReadmeShows(String path, String expected) throws PushException {
        assertEquals(expected, GroupingKey.parse(path).toString());
        Labels k = GroupingKey.parse(path);
        assertEquals(k, GroupingKey.parse(GroupingKey.toPath(k).substring("/metrics".length())));
    }

    @ParameterizedTest
    @CsvSource({"/job", "/foo/bar", "/job/a/b", "/job/x/__n/v", "/job/x/a-b/v", "/job@base64/=", "/job/x/a/1/a/2"})
    void badGroupingKeysAre400(String path) {
        assertEquals(400, assertThrows(PushException.class, () -> GroupingKey.parse(path)).status());
    }

    @Test
    void groupingLabelsOverridePushedOnesAndInstanceIsAdded() throws Exception {
        push("/job/batch", "m{job=\"other\",a=\"1\"} 3.14\n", true);
        String out = exposition();
        assertTrue(out.contains("m{a=\"1\",instance=\"\",job=\"batch\"} 3.14\n"), out);
        assertTrue(out.contains("push_time_seconds{instance=\"\",job=\"batch\"} 1000\n"), out);
        assertTrue(out.contains("push_failure_time_seconds{instance=\"\",job=\"batch\"} 0\n"), out);
    }

    @Test
    void putReplacesGroupPostReplacesFamiliesEmptyBodiesKeepGroup() throws Exception {
        push("/job/j", "a 1\nb 2\n", true);
        push("/job/j", "b 3\n", false);
        String out = exposition();
        assertTrue(out.contains("a{instance=\"\",job=\"j\"} 1\n") && out.contains("b{instance=\"\",job=\"j\"} 3\n"), out);
        push("/job/j", "b 4\n", true);
        assertFalse(exposition().contains("\na{"));
        push("/job/j", "", false);
        assertTrue(exposition().contains("b{instance=\"\",job=\"j\"} 4\n"));
        push("/job/j", "", true);
        assertEquals(0, store.group(Labels.of("job", "j")).metricCount());
        assertTrue(store.delete(Labels.of("job", "j"), PushStore.Persister.NONE));
        assertFalse(store.delete(Labels.of("job", "j"), PushStore.Persister.NONE));
        assertEquals(0, store.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // type differs from another group's
        "/job/b|# TYPE m counter\\nm 1\\n|has type COUNTER but should have GAUGE",
        // a series another group already exposes
        "/job/a/instance/x|# TYPE m gauge\\nm{instance=\"x\"} 1\\n|was collected before",
        "/job/b|m{a=\"1\"} 1\\nm{a=\"1\"} 2\\n|was collected before",
        "/job/b|m 1 1234\\n|must not have timestamps",
        "/job/b|m{__x=\"1\"} 1\\n|reserved",
        "/job/b|# TYPE pushgateway_http_requests_total gauge\\npushgateway_http_requests_total 1\\n|should have COUNTER",
        "/job/b|# TYPE s summary\\ns_sum 1\\ns_count 1\\n|collides",
        "/job/b|# TYPE g summary\\ng_sum 1\\ng_count 1\\n|collides",
        "/job/b|m 1 x\\n|",
    })
    void inconsistentPushesAreRejectedAndChangeNoMetric(String path, String body, String why) throws Exception {
        push("/job/a", "# TYPE m gauge\nm{instance=\"x\"} 1\n# TYPE g_sum gauge\ng_sum 1\n# TYPE s_sum gauge\ns_sum 2\n", true);
        push("/job/a/instance/x", "", true);
        String before = exposition().replaceAll("(?m)^push_failure_time_seconds.*\n", "");
        PushException e = assertThrows(PushException.class, () -> push(path, body.replace("\\n", "\n"), false));
        assertEquals(400, e.status());
        assertTrue(why == null || e.getMessage().contains(why), e.getMessage());
        assertEquals(before, exposition().replaceAll("(?m)^push_failure_time_seconds.*\n", "")
                .replaceAll("(?m)^push_time_seconds\\{instance=\"\",job=\"b\"} 0\n", ""));
    }

    @Test
    void failedPushSetsFailureTimeOfTheGroup() throws Exception {
        push("/job/a", "m 1\n", true);
        assertThrows(PushException.class, () -> store.push(Labels.of("job", "a"), text("m 1 5\n"), true, 2_000_000, 0,
                PushStore.Persister.NONE));
        MetricGroup g = store.group(Labels.of("job", "a"));
        assertEquals(2_000_000, g.failureTimeMs());
        assertFalse(g.lastPushSuccessful());
        assertEquals(1, g.metricCount());
    }

    @Test
    void failedStoreChangesNothing() throws Exception {
        push("/job/a", "m 1\n", true);
        PushException e = assertThrows(PushException.class, () -> store.push(Labels.of("job", "a"), text("m 2\n"), true,
                2_000_000, 0, (k, g) -> { throw new IllegalStateException("disk full"); }));
        assertEquals(500, e.status());
        assertTrue(exposition().contains("m{instance=\"\",job=\"a\"} 1\n"));
    }

    @Test
    void sameSeriesMovesBetweenPushesOfTheSameGroup() throws Exception {
        push("/job/a", "m 1\n", true);
        push("/job/a", "m 2\n", true);
        push("/job/b", "m 3\n", true);
        assertTrue(exposition().contains("m{instance=\"\",job=\"b\"} 3\n"));
    }

    /** The incremental index follows every change: series a group drops are free for others. */
    @Test
    void seriesIndexFollowsPutsPostsAndDeletes() throws Exception {
        // group a (key job=a) may expose instance="x" series; so could group (job=a, instance=x)
        push("/job/a", "m{instance=\"x\",s=\"1\"} 1\nm{instance=\"x\",s=\"2\"} 1\n", true);
        assertThrows(PushException.class, () -> push("/job/a/instance/x", "m{s=\"2\"} 1\n", true));
        push("/job/a", "m{instance=\"x\",s=\"1\"} 2\nm{instance=\"x\",s=\"3\"} 2\n", true); // s=2 dropped
        push("/job/a/instance/x", "m{s=\"2\"} 1\n", true);
        assertThrows(PushException.class, () -> push("/job/a/instance/x", "m{s=\"3\"} 1\n", true));
        push("/job/a", "other 1\n", false); // POST: m stays, still owned by job=a
        assertThrows(PushException.class, () -> push("/job/a/instance/x", "m{s=\"1\"} 1\n", true));
        store.delete(GroupingKey.parse("/job/a"), PushStore.Persister.NONE);
        push("/job/a/instance/x", "m{s=\"1\"} 1\nm{s=\"3\"} 1\n", true);
        assertTrue(exposition().contains("m{instance=\"x\",job=\"a\",s=\"3\"} 1\n"), exposition());
        // a restored group (unsorted as stored by anyone) is indexed too
        store.restore(new MetricGroup(GroupingKey.parse("/job/r"), new java.util.TreeMap<>(java.util.Map.of("m", new MetricFamilyData("m", null,
                dev.pharos.model.MetricType.UNKNOWN, List.of(
                        dev.pharos.exposition.MetricData.simple(dev.pharos.model.Labels.fromSortedPairs(new String[] {"instance", "", "job", "r", "z", "2"}), 1),
                        dev.pharos.exposition.MetricData.simple(dev.pharos.model.Labels.fromSortedPairs(new String[] {"a", "1", "instance", "", "job", "r"}), 1))))),
                1, 0, 0));
        assertThrows(PushException.class, () -> push("/job/r/z/2", "m 1\n", true));
        push("/job/r", "m{z=\"2\"} 5\n", true);
        assertThrows(PushException.class, () -> push("/job/r/z/2", "m 1\n", true)); // still r's
        push("/job/r/a/1", "m 1\n", true); // a=1 left group r with its PUT
    }

    @Test
    void expiryRemovesIdleGroups() throws Exception {
        store.push(Labels.of("job", "a"), text("m 1\n"), true, 1000, 0, PushStore.Persister.NONE);
        store.push(Labels.of("job", "b"), text("m 1\n"), true, 1000, 60_000, PushStore.Persister.NONE);
        assertEquals(0, store.expire(20_000, 0, PushStore.Persister.NONE).size());
        assertEquals(List.of(Labels.of("job", "a")), store.expire(20_000, 10_000, PushStore.Persister.NONE));
        assertEquals(List.of(Labels.of("job", "b")), store.expire(70_000, 10_000, PushStore.Persister.NONE));
        push("/job/a", "m 1\n", true); // the index forgot the expired series
    }

    @Test
    void storedGroupsRoundTrip() throws Exception {
        MetricGroup g = push("/job/a/x@base64/=",
                "# HELP h a help\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n"
                + "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum 1\ns_count 1\nu NaN\n", true);
        MetricGroup back = GroupCodec.decode(GroupCodec.parseKeyText(GroupCodec.keyText(g.key())),
                GroupCodec.encodeFamilies(g), g.pushTimeMs(), g.failureTimeMs(), g.expiryMs());
        assertEquals(g.key(), back.key());
        assertEquals(g.families().keySet(), back.families().keySet());
        assertEquals(g.families().get("h"), back.families().get("h"));
        assertEquals(g.families().get("s"), back.families().get("s"));
        assertEquals(64, GroupCodec.id(g.key()).length());
    }

    @Test
    void acceptHeaderChoosesFormat() {
        assertEquals(GatewayExposition.TEXT, GatewayExposition.forAccept(null));
        assertEquals(GatewayExposition.OPENMETRICS, GatewayExposition.forAccept(
                "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.2,*/*;q=0.1"));
        assertEquals(GatewayExposition.PROTOBUF, GatewayExposition.forAccept(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited"));
        assertTrue(PushBody.isProtobuf(
                "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited"));
        assertFalse(PushBody.isProtobuf("application/vnd.google.protobuf"));
    }

    @Test
    void gzipBodiesInflateOnceAndCountAgainstTheLimit() throws Exception {
        byte[] plain = "m 1\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(new byte[5000]);
        }
        assertEquals("m 1\n", new String(PushBody.read(new java.io.ByteArrayInputStream(plain), "gzip", 100),
                StandardCharsets.UTF_8), "already inflated by the container");
        assertEquals(413, assertThrows(PushException.class,
                () -> PushBody.read(new java.io.ByteArrayInputStream(gz.toByteArray()), "gzip", 1000)).status());
        assertEquals(5000, PushBody.read(new java.io.ByteArrayInputStream(gz.toByteArray()), "GZIP", 0).length);
    }

    @Test
    void rejectedPushToANewGroupCreatesNothing() throws Exception {
        assertThrows(PushException.class, () -> push("/job/new", "m 1 5\n", true));
        assertEquals(0, store.size());
    }

    @Test
    void rateLimiterAllowsRatePerSecond() {
        RateLimiter r = new RateLimiter(2);
        assertTrue(r.tryAcquire("c", 0));
        assertTrue(r.tryAcquire("c", 0));
        assertFalse(r.tryAcquire("c", 0));
        assertTrue(r.tryAcquire("d", 0));
        assertTrue(r.tryAcquire("c", 600_000_000L));
    }
}
