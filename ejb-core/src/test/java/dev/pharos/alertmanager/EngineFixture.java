package dev.pharos.alertmanager;

import dev.pharos.alertmanager.config.AlertmanagerConfig;
import dev.pharos.alertmanager.config.ConfigLoader;
import dev.pharos.alertmanager.dispatch.Dispatcher;
import dev.pharos.alertmanager.dispatch.Route;
import dev.pharos.alertmanager.inhibit.Inhibitor;
import dev.pharos.alertmanager.notify.InMemoryNotificationLogStore;
import dev.pharos.alertmanager.notify.Integration;
import dev.pharos.alertmanager.notify.NotificationData;
import dev.pharos.alertmanager.notify.NotificationMetrics;
import dev.pharos.alertmanager.notify.NotificationPipeline;
import dev.pharos.alertmanager.notify.NotifyResult;
import dev.pharos.alertmanager.notify.RetryPolicy;
import dev.pharos.alertmanager.silence.InMemorySilenceStore;
import dev.pharos.alertmanager.silence.Silences;
import dev.pharos.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A whole engine on a fixed clock, with recording integrations instead of real ones. */
public final class EngineFixture {

    /** One recorded notification. */
    public record Sent(Instant at, String receiver, NotificationData data) {
        public String summary() {
            StringBuilder sb = new StringBuilder(data.status()).append(':');
            for (NotificationData.AlertData a : data.alerts()) {
                sb.append(a.labels().get("alertname")).append('=').append(a.status().charAt(0)).append(' ');
            }
            return sb.toString().trim();
        }
    }

    public final MutableClock clock;
    public final AlertMarker marker = new AlertMarker();
    public final AlertStore store;
    public final Silences silences;
    public final Inhibitor inhibitor;
    public final InMemoryNotificationLogStore log = new InMemoryNotificationLogStore();
    public final NotificationMetrics metrics = new NotificationMetrics();
    public final Dispatcher dispatcher;
    public final List<Sent> sent = new ArrayList<>();
    public final AlertmanagerConfig config;
    /** Results the recording notifier returns next (default OK). */
    public final List<NotifyResult> nextResults = new ArrayList<>();

    public EngineFixture(String yaml, String start) {
        this(yaml, start, new InMemoryNotificationLogStore());
    }

    public EngineFixture(String yaml, String start, InMemoryNotificationLogStore sharedLog) {
        clock = MutableClock.at(start);
        config = ConfigLoader.load(yaml);
        store = new AlertStore(clock, marker);
        silences = new Silences(new InMemorySilenceStore(), clock);
        inhibitor = new Inhibitor(config.inhibitRules(), store, marker, clock);
        Map<String, List<Integration>> integrations = new HashMap<>();
        config.receivers().forEach(r -> r.integrations().forEach(ic -> integrations
                .computeIfAbsent(r.name(), k -> new ArrayList<>())
                .add(new Integration(r.name(), ic.type().integrationName(), ic.index(), ic.sendResolved(),
                        (data, alerts) -> {
                            sent.add(new Sent(clock.instant(), r.name(), data));
                            return nextResults.isEmpty() ? NotifyResult.OK : nextResults.remove(0);
                        }))));
        NotificationPipeline pipeline = new NotificationPipeline(inhibitor, silences, marker, config.timeIntervals(),
                integrations, sharedLog, metrics,
                new RetryPolicy(3, Duration.ofMillis(10), 2, Duration.ofSeconds(1), d -> { }), clock,
                "http://am.example:9093");
        dispatcher = new Dispatcher(Route.tree(config.route()), store, pipeline, clock);
        dispatcher.start();
    }

    /** Posts a firing alert as the API would (endsAt = now + resolve_timeout when absent). */
    public Alert fire(String... labels) {
        Instant now = clock.instant();
        Alert a = new Alert(Labels.of(labels), Map.of(), now, now.plus(Duration.ofMinutes(5)), now, "", true);
        store.put(List.of(a));
        return a;
    }

    public Alert resolve(String... labels) {
        Instant now = clock.instant();
        Alert existing = store.get(Fingerprints.of(Labels.of(labels)));
        Alert a = new Alert(Labels.of(labels), Map.of(), existing.startsAt(), now, now, "", false);
        store.put(List.of(a));
        return a;
    }

    /** Advances the clock in one-second steps, ticking the dispatcher each step. */
    public void run(Duration d) {
        long steps = d.toSeconds();
        for (long i = 0; i < steps; i++) {
            clock.advance(Duration.ofSeconds(1));
            dispatcher.tick();
        }
    }

    public List<String> summaries() {
        return sent.stream().map(s -> s.at() + " " + s.receiver() + " " + s.summary()).toList();
    }
}
