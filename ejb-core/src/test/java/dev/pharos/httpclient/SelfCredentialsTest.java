package dev.pharos.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.config.HttpClientConfig;
import dev.pharos.config.Secret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelfCredentialsTest {

    @AfterEach
    void uninstall() {
        SelfCredentials.uninstall();
    }

    private static Optional<String> authorization(String url, HttpClientConfig cfg) {
        URI uri = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        SelfCredentials.apply(b, uri, cfg);
        return b.build().headers().firstValue("Authorization");
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:9090/metrics, true",
        "http://127.0.0.1:9091/metrics, true",
        "http://[::1]:9093/api/v2/alerts, true",
        "https://localhost:9443/metrics, true",
        "http://localhost:9100/metrics, false", // node_exporter on the same host: not ours
        "http://example.org:9090/metrics, false", // another Prometheus: never gets the token
        "http://10.0.0.5:9090/metrics, false",
    })
    void onlyLoopbackOnOwnPortsGetsTheToken(String url, boolean expected) {
        SelfCredentials.install("tok", List.of(9090, 9091, 9093, 9443));
        assertEquals(expected ? Optional.of("Bearer tok") : Optional.empty(),
                authorization(url, HttpClientConfig.DEFAULT));
    }

    @Test
    void configuredAuthenticationWins() {
        SelfCredentials.install("tok", List.of(9090));
        HttpClientConfig basic = new HttpClientConfig(new HttpClientConfig.BasicAuth("u", null, null, null), null,
                null, null, true, true, "", "", false, Map.of(), Map.of());
        assertEquals(Optional.empty(), authorization("http://localhost:9090/metrics", basic));
        HttpClientConfig withHeader = new HttpClientConfig(null, null, null, null, true, true, "", "", false, Map.of(),
                Map.of("authorization", new HttpClientConfig.Header(List.of("Bearer mine"), List.<Secret>of(), List.of())));
        assertEquals(Optional.empty(), authorization("http://localhost:9090/metrics", withHeader));
    }

    @Test
    void onlyHttpSchemes() {
        SelfCredentials.install("tok", List.of(9090));
        assertFalse(SelfCredentials.installedForTest().appliesTo(URI.create("ftp://localhost:9090/x")));
        assertTrue(SelfCredentials.installedForTest().appliesTo(URI.create("http://localhost:9090/x")));
    }

    @Test
    void nothingWithoutAnInstalledToken() {
        assertEquals(Optional.empty(), authorization("http://localhost:9090/metrics", HttpClientConfig.DEFAULT));
    }

    @Test
    void loopbackIsDecidedWithoutDns() {
        assertTrue(SelfCredentials.isLoopback("0:0:0:0:0:0:0:1"));
        assertTrue(SelfCredentials.isLoopback("127.0.0.1"));
        assertFalse(SelfCredentials.isLoopback("localhost.example.org"));
        assertFalse(SelfCredentials.isLoopback(null));
    }
}
