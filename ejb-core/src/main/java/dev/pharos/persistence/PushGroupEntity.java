package dev.pharos.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One Pushgateway group as stored: its grouping key (as the base64 URL path, and hashed as
 * the id), its metric families as delimited protobuf, and its push times and own expiry.
 */
@Entity
@Table(name = "pharos_pushgateway_group")
public class PushGroupEntity {

    @Id
    @Column(length = 64)
    private String id;

    // Not @Lob: LOB handling made each push cost tens of milliseconds on H2, and @Lob byte[]
    // would be a large object on PostgreSQL (bytea here). Hibernate still makes this length a
    // BLOB on H2: PushGroupRepository.useInlineBinaryColumn turns it into VARBINARY.
    @Column(name = "group_key", nullable = false, length = 20000)
    private String groupKey;

    @Column(nullable = false, length = 100_000_000)
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
