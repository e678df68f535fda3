package dev.pharos.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The last notification of one aggregation group to one integration of a receiver. The
 * primary key is a SHA-256 of the (possibly long) log key, which is kept alongside.
 */
@Entity
@Table(name = "pharos_am_nflog", indexes = @Index(name = "pharos_am_nflog_expires", columnList = "expiresAt"))
public class NotificationLogRecord {

    @Id
    @Column(length = 64)
    private String keyHash;

    @Lob
    @Column(nullable = false)
    private String logKey;

    @Lob
    @Column(nullable = false)
    private String groupKey;

    @Column(nullable = false, length = 1000)
    private String receiver;

    @Column(nullable = false, length = 100)
    private String integration;

    @Column(name = "idx", nullable = false)
    private int index;

    @Column(nullable = false)
    private Instant sentAt;

    /** Fingerprints (decimal), comma-separated. */
    @Lob
    private String firing;

    @Lob
    private String resolved;

    @Column(nullable = false)
    private Instant expiresAt;

    protected NotificationLogRecord() {
    }

    public NotificationLogRecord(String keyHash, String logKey, String groupKey, String receiver, String integration,
            int index, Instant sentAt, String firing, String resolved, Instant expiresAt) {
        this.keyHash = keyHash;
        this.logKey = logKey;
        this.groupKey = groupKey;
        this.receiver = receiver;
        this.integration = integration;
        this.index = index;
        this.sentAt = sentAt;
        this.firing = firing;
        this.resolved = resolved;
        this.expiresAt = expiresAt;
    }

    public String keyHash() {
        return keyHash;
    }

    public String logKey() {
        return logKey;
    }

    public String groupKey() {
        return groupKey;
    }

    public String receiver() {
        return receiver;
    }

    public String integration() {
        return integration;
    }

    public int index() {
        return index;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public String firing() {
        return firing;
    }

    public String resolved() {
        return resolved;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
