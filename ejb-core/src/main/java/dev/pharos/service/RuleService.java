package dev.pharos.service;

import dev.pharos.config.ConfigException;
import dev.pharos.config.PromDurations;
import dev.pharos.config.PrometheusConfig;
import dev.pharos.notifier.Notifier;
import dev.pharos.rules.EngineRuleQuery;
import dev.pharos.rules.EvalContext;
import dev.pharos.rules.GroupSpec;
import dev.pharos.rules.RuleFileException;
import dev.pharos.rules.RuleGroup;
import dev.pharos.rules.RuleManager;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the rule files of each configuration (a bad file refuses the reload, so the old rules
 * keep running) and evaluates every group on its own scheduled task at its interval, with a
 * stable offset per group; a slow group delays only itself. Alerts go to the notifier.
 */
@Singleton
@Startup
@LocalBean
@DependsOn({"StorageService", "ConfigService", "QueryService", "NotifierService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RuleService implements ConfigService.Listener {

    private static final Logger LOG = Logger.getLogger(RuleService.class.getName());

    @Resource(lookup = "concurrent/pharosScheduler")
    ManagedScheduledExecutorService scheduler;

    @Inject
    StorageService storage;

    @Inject
    ConfigService config;

    @Inject
    QueryService query;

    @Inject
    NotifierService notifierService;

    @Inject
    Settings settings;

    private RuleManager manager;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile PrometheusConfig validated;
    private volatile List<GroupSpec> validatedSpecs;
    private String externalURL;
    private long resendDelay;
    private long outageTolerance;
    private long gracePeriod;

    @PostConstruct
    void start() {
        var flags = settings.flags();
        resendDelay = PromDurations.parse(flags.get("rules.alert.resend-delay")).toMillis();
        outageTolerance = PromDurations.parse(flags.get("rules.alert.for-outage-tolerance")).toMillis();
        gracePeriod = PromDurations.parse(flags.get("rules.alert.for-grace-period")).toMillis();
        externalURL = settings.get("pharos.web.external-url").orElseGet(this::defaultExternalURL);
        while (externalURL.endsWith("/")) {
            externalURL = externalURL.substring(0, externalURL.length() - 1);
        }
        manager = new RuleManager(env(dev.pharos.model.Labels.EMPTY));
        registerMetrics();
        config.addListener(this);
    }

    private String defaultExternalURL() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return "http://" + host + ":" + settings.httpPort();
    }

    private RuleGroup.GroupEnv env(dev.pharos.model.Labels external) {
        Notifier n = notifierService.notifier();
        return new RuleGroup.GroupEnv(storage.storage(),
                new EvalContext(new EngineRuleQuery(query.engine()), external, externalURL),
                n::send, resendDelay, outageTolerance, gracePeriod);
    }

    @Override
    public void validate(PrometheusConfig cfg) throws ConfigException {
        try {
            List<GroupSpec> specs = RuleManager.loadFiles(cfg.ruleFiles(), cfg.global().metricNameValidationScheme());
            validated = cfg;
            validatedSpecs = specs;
        } catch (RuleFileException e) {
            throw new ConfigException(settings.configFile().toString(), 0, "", "error loading rules, previous rule set restored: " + e.getMessage());
        }
    }

    @Override
    public void apply(PrometheusConfig cfg) {
        // Rules start (restoring their for-state from ALERTS_FOR_STATE) once the TSDB has
        // replayed its WAL; configurations applied before that wait, in order.
        storage.whenReady(() -> applyNow(cfg));
    }

    private synchronized void applyNow(PrometheusConfig cfg) {
        List<GroupSpec> specs = validated == cfg ? validatedSpecs : null;
        if (specs == null) {
            try {
                specs = RuleManager.loadFiles(cfg.ruleFiles(), cfg.global().metricNameValidationScheme());
            } catch (RuleFileException e) {
                // only the very first configuration gets here (applied when this bean registers)
                LOG.severe("error loading rules: " + e.getMessage());
                return;
            }
        }
        for (ScheduledFuture<?> f : tasks) {
            f.cancel(false);
        }
        tasks.clear();
        manager.setEnv(env(cfg.global().externalLabels()));
        RuleManager.Update u = manager.update(specs, cfg.global().evaluationInterval().toMillis(),
                cfg.global().ruleQueryOffset().toMillis());
        long now = System.currentTimeMillis();
        for (RuleGroup g : u.removed()) {
            g.markStale(now);
        }
        for (RuleGroup g : u.groups()) {
            long first = g.evalTimestamp(now) + g.intervalMillis() - now;
            tasks.add(scheduler.scheduleAtFixedRate(() -> run(g), Math.max(0, first), g.intervalMillis(),
                    TimeUnit.MILLISECONDS));
        }
        LOG.info("Rules loaded: " + u.groups().size() + " groups from " + cfg.ruleFiles());
    }

    private void run(RuleGroup g) {
        try {
            g.tick(System.currentTimeMillis());
            // as Prometheus: restore 'for' state after the second evaluation, once recording rules caught up
            if (g.shouldRestore() && g.iterationsTotal() >= 2) {
                g.restoreForState(System.currentTimeMillis());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "rule group " + g.name() + " failed", e);
        }
    }

    public List<RuleGroup> groups() {
        return manager.groups();
    }

    public String externalURL() {
        return externalURL;
    }

    private void registerMetrics() {
        PrometheusRegistry reg = PrometheusRegistry.defaultRegistry;
        CounterWithCallback.builder().name("prometheus_rule_group_iterations_missed_total")
                .help("The total number of rule group evaluations missed due to slow rule group evaluation.")
                .labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.iterationsMissed(), g.key()))).register(reg);
        CounterWithCallback.builder().name("prometheus_rule_group_iterations_total")
                .help("The total number of scheduled rule group evaluations, whether executed or missed.")
                .labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.iterationsTotal(), g.key()))).register(reg);
        CounterWithCallback.builder().name("prometheus_rule_evaluations_total")
                .help("The total number of rule evaluations.").labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.evalTotal(), g.key()))).register(reg);
        CounterWithCallback.builder().name("prometheus_rule_evaluation_failures_total")
                .help("The total number of rule evaluation failures.").labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.evalFailures(), g.key()))).register(reg);
        GaugeWithCallback.builder().name("prometheus_rule_group_interval_seconds")
                .help("The interval of a rule group.").labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.intervalMillis() / 1000.0, g.key()))).register(reg);
        GaugeWithCallback.builder().name("prometheus_rule_group_last_duration_seconds")
                .help("The duration of the last rule group evaluation.").labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.evaluationSeconds(), g.key()))).register(reg);
        GaugeWithCallback.builder().name("prometheus_rule_group_last_evaluation_timestamp_seconds")
                .help("The timestamp of the last rule group evaluation in seconds.").labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.lastEvaluation() / 1000.0, g.key()))).register(reg);
        GaugeWithCallback.builder().name("prometheus_rule_group_rules")
                .help("The number of rules.").labelNames("rule_group")
                .callback(cb -> groups().forEach(g -> cb.call(g.rules().size(), g.key()))).register(reg);
    }

    @PreDestroy
    synchronized void stop() {
        for (ScheduledFuture<?> f : tasks) {
            f.cancel(false);
        }
        tasks.clear();
    }
}
