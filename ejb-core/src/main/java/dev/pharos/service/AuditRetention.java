package dev.pharos.service;

import dev.pharos.config.PromDurations;
import dev.pharos.persistence.AuditLog;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Keeps the audit log for {@code pharos.audit.retention} (PHAROS_AUDIT_RETENTION, a Prometheus
 * duration, default 90d; 0 keeps everything): once an hour, older entries are deleted.
 */
@Singleton
public class AuditRetention {

    public static final String RETENTION = "pharos.audit.retention";
    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    @Inject
    Settings settings;

    @EJB
    AuditLog audit;

    @Schedule(hour = "*", minute = "7", persistent = false)
    public void enforce() {
        Duration keep = retention();
        if (keep.isZero()) {
            return;
        }
        int deleted = audit.deleteBefore(Instant.now().minus(keep));
        if (deleted > 0) {
            LOG.info("Audit log retention " + settings.get(RETENTION, "90d") + ": deleted " + deleted + " entries");
        }
    }

    Duration retention() {
        String text = settings.get(RETENTION, "90d").trim();
        try {
            return text.equals("0") ? Duration.ZERO : PromDurations.parse(text);
        } catch (RuntimeException e) {
            LOG.warning("Invalid " + RETENTION + " \"" + text + "\" (" + e.getMessage() + "); keeping 90d");
            return Duration.ofDays(90);
        }
    }
}
