package dev.pharos.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One state-changing call: who did what, when, from where, and how it ended. */
@Entity
@Table(name = "pharos_audit", indexes = @Index(name = "pharos_audit_time", columnList = "at"))
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(name = "actor", length = 200)
    private String user;

    @Column(nullable = false, length = 100)
    private String action;

    @Column(length = 1000)
    private String target;

    @Column(length = 200)
    private String remote;

    @Column(nullable = false, length = 20)
    private String outcome;

    @Column(length = 2000)
    private String detail;

    protected AuditEntry() {
    }

    public AuditEntry(Instant at, String user, String action, String target, String remote, String outcome, String detail) {
        this.at = at;
        this.user = user;
        this.action = action;
        this.target = target;
        this.remote = remote;
        this.outcome = outcome;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String user() {
        return user;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String remote() {
        return remote;
    }

    public String outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }
}
