package dev.pharos.alertmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This instance's place among the Alertmanagers that share one database, shown by
 * /api/v2/status as the original shows its gossip cluster: the instance's name, status
 * {@code settling} for a short while after start and {@code ready} afterwards (or
 * {@code disabled} for a lone instance), and the peers (this instance included) sorted by
 * name. As in the original, an instance's position in that sorted list decides how long it
 * waits before sending (position x peer timeout), unless a position is configured.
 */
public final class ClusterMembership {

    /** One member: its name and the address it is reached at. */
    public record Peer(String name, String address) {
    }

    /**
     * How long a starting member reports {@code settling}: the original settles once its
     * member list was stable over three checks two seconds apart. Pharos's shared state (silences,
     * notification log) is in the database, so nothing else is waited for.
     */
    public static final Duration SETTLE_TIME = Duration.ofSeconds(6);

    public static final ClusterMembership DISABLED = new ClusterMembership(null, List.of(), Instant.MIN);

    private final Peer self;
    private final List<Peer> members;
    private final Instant readyAt;

    private ClusterMembership(Peer self, List<Peer> members, Instant readyAt) {
        this.self = self;
        this.members = members;
        this.readyAt = readyAt;
    }

    /** A member named {@code self} with the other members {@code others}, settled from {@code readyAt} on. */
    public static ClusterMembership of(Peer self, List<Peer> others, Instant readyAt) {
        List<Peer> all = new ArrayList<>();
        all.add(self);
        for (Peer p : others) {
            if (!p.name().equals(self.name())) {
                all.add(p);
            }
        }
        all.sort(Comparator.comparing(Peer::name));
        return new ClusterMembership(self, List.copyOf(all), readyAt);
    }

    /**
     * The other members from a comma-separated list: {@code address} (named by its address) or
     * {@code name=address}; blanks are skipped.
     */
    public static List<Peer> parsePeers(String list) {
        List<Peer> out = new ArrayList<>();
        for (String entry : list == null ? new String[0] : list.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            out.add(eq < 0 ? new Peer(e, e) : new Peer(e.substring(0, eq).trim(), e.substring(eq + 1).trim()));
        }
        return out;
    }

    public boolean enabled() {
        return self != null;
    }

    /** This member's index among the members sorted by name (0 when alone or disabled). */
    public int position() {
        return enabled() ? members.indexOf(self) : 0;
    }

    public List<Peer> members() {
        return members;
    }

    /** {@code disabled}, {@code settling} or {@code ready}, as the original's cluster status. */
    public String status(Instant now) {
        if (!enabled()) {
            return "disabled";
        }
        return now.isBefore(readyAt) ? "settling" : "ready";
    }

    /** The {@code cluster} object of /api/v2/status (clusterStatus of the OpenAPI contract). */
    public Map<String, Object> toJson(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (enabled()) {
            m.put("name", self.name());
        }
        List<Object> peers = new ArrayList<>();
        for (Peer p : members) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("address", p.address());
            pm.put("name", p.name());
            peers.add(pm);
        }
        m.put("peers", peers);
        m.put("status", status(now));
        return m;
    }
}
