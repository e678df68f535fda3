package dev.pharos.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.alertmanager.ClusterMembership.Peer;
import dev.pharos.alertmanager.api.AlertmanagerApi;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.notify.InMemoryNotificationLogStore;
import dev.pharos.alertmanager.notify.JdkHttpTransport;
import dev.pharos.alertmanager.notify.RetryPolicy;
import dev.pharos.alertmanager.silence.InMemorySilenceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /api/v2/status' cluster object from the configured membership, as the OpenAPI clusterStatus. */
class ClusterMembershipTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void disabledIsALoneInstanceWithoutName() {
        assertEquals("{\"peers\":[],\"status\":\"disabled\"}", Json.write(ClusterMembership.DISABLED.toJson(T0)));
        assertEquals(0, ClusterMembership.DISABLED.position());
    }

    @Test
    void settlingThenReadyWithEveryMemberSortedByName() {
        ClusterMembership m = ClusterMembership.of(new Peer("am-b", "10.0.0.2:9093"),
                ClusterMembership.parsePeers("am-c=10.0.0.3:9093, am-a=10.0.0.1:9093"), T0.plusSeconds(6));
        String peers = "\"peers\":[{\"address\":\"10.0.0.1:9093\",\"name\":\"am-a\"},"
                + "{\"address\":\"10.0.0.2:9093\",\"name\":\"am-b\"},{\"address\":\"10.0.0.3:9093\",\"name\":\"am-c\"}]";
        assertEquals("{\"name\":\"am-b\"," + peers + ",\"status\":\"settling\"}", Json.write(m.toJson(T0)));
        assertEquals("{\"name\":\"am-b\"," + peers + ",\"status\":\"ready\"}",
                Json.write(m.toJson(T0.plusSeconds(6))));
        assertEquals(1, m.position(), "second by name, as the original's position in its sorted peer list");
    }

    @ParameterizedTest(name = "peers [{0}]")
    @CsvSource(delimiter = '|', value = {
        "''|0",
        "'h1:9093'|1",
        "' h1:9093 , ,am-x=h2:9093'|2",
        "'am-self=h9:9093'|0",
    })
    void peersListWithSelfIgnored(String peers, int others) {
        ClusterMembership m = ClusterMembership.of(new Peer("am-self", "h0:9093"), ClusterMembership.parsePeers(peers),
                T0);
        assertEquals(others + 1, m.members().size(), m.members().toString());
    }

    @Test
    void addressNamesAPeerWithoutName() {
        assertEquals(List.of(new Peer("h1:9093", "h1:9093")), ClusterMembership.parsePeers("h1:9093"));
    }

    @Test
    void theEngineShowsItsMembershipAcrossReloads() {
        MutableClock clock = MutableClock.at("2024-01-01T00:00:00Z");
        String yaml = "route: {receiver: r}\nreceivers: [{name: r}]\n";
        AlertmanagerEngine e = new AlertmanagerEngine(ConfigLoader.load(yaml), new AlertmanagerEngine.Dependencies(
                clock, new InMemorySilenceStore(), new InMemoryNotificationLogStore(), (t, d) -> t, m -> { },
                JdkHttpTransport::new, new RetryPolicy(2, Duration.ofMillis(1), 2, Duration.ofMillis(1), d -> { }),
                "http://am.example", new AlertmanagerApi.VersionInfo("0.28.0", "", "", "", "", "")));
        e.setCluster(ClusterMembership.of(new Peer("am-0", "h0:9093"), ClusterMembership.parsePeers("am-1=h1:9093"),
                clock.instant().plus(ClusterMembership.SETTLE_TIME)), null, Duration.ofSeconds(15));
        assertEquals("settling", ((java.util.Map<?, ?>) e.api().getStatus().get("cluster")).get("status"));
        clock.advance(Duration.ofSeconds(6));
        e.applyConfig(ConfigLoader.load(yaml));
        assertEquals("{\"name\":\"am-0\",\"peers\":[{\"address\":\"h0:9093\",\"name\":\"am-0\"},"
                + "{\"address\":\"h1:9093\",\"name\":\"am-1\"}],\"status\":\"ready\"}",
                Json.write(e.api().getStatus().get("cluster")));
    }
}
