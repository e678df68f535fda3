package dev.pharos.persistence;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * One Pushgateway group as stored: its grouping key (as the base64 URL path, and hashed as
 * the id), its metric families as delimited protobuf, and its push times and own expiry.
 */
@Entity
@Table(name = "pharos_push_group")
public class PushGroupEntity {

    @Id
    @Column(length = 64)
    private String id;

    @Lob
    @Column(name = "group_key", nullable = false)
    private String groupKey;

    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(nullable = false)
    private byte[] families;

    @Column(name = "push_time_ms", nullable = false)
    private long pushTimeMs;

    @Column(name = "failure_time_ms", nullable = false)
    private long failureTimeMs;

    @Column(name = "expiry_ms", nullable = false)
    private long expiryMs;

    protected PushGroupEntity() {
    }

    public PushGroupEntity(String id, String groupKey) {
        this.id = id;
        this.groupKey = groupKey;
    }

    public void update(byte[] families, long pushTimeMs, long failureTimeMs, long expiryMs) {
        this.families = families;
        this.pushTimeMs = pushTimeMs;
        this.failureTimeMs = failureTimeMs;
        this.expiryMs = expiryMs;
    }

    public String id() {
        return id;
    }

    public String groupKey() {
        return groupKey;
    }

    public byte[] families() {
        return families;
    }

    public long pushTimeMs() {
        return pushTimeMs;
    }

    public long failureTimeMs() {
        return failureTimeMs;
    }

    public long expiryMs() {
        return expiryMs;
    }
}
