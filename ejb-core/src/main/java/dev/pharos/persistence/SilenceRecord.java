package dev.pharos.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One Alertmanager silence. Matchers are kept as one text column (one matcher per line:
 * type symbol, tab, name, tab, value, with tabs/newlines/backslashes escaped) because they
 * are only ever read together with the silence.
 */
@Entity
@Table(name = "pharos_am_silence")
public class SilenceRecord {

    @Id
    @Column(length = 64)
    private String id;

    @Lob
    @Column(nullable = false)
    private String matchers;

    @Column(nullable = false)
    private Instant startsAt;

    @Column(nullable = false)
    private Instant endsAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Column(length = 1000)
    private String createdBy;

    @Lob
    private String comment;

    protected SilenceRecord() {
    }

    public SilenceRecord(String id, String matchers, Instant startsAt, Instant endsAt, Instant updatedAt,
            String createdBy, String comment) {
        this.id = id;
        this.matchers = matchers;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.updatedAt = updatedAt;
        this.createdBy = createdBy;
        this.comment = comment;
    }

    public String id() {
        return id;
    }

    public String matchers() {
        return matchers;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public String comment() {
        return comment;
    }
}
