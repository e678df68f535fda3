package dev.pharos.persistence;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The audit log of state-changing calls, stored through JPA. Each record is written in a
 * transaction of its own, so a failed operation is still recorded.
 */
@Stateless
public class AuditLog {

    @PersistenceContext(unitName = "pharos")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String user, String action, String target, String remote, boolean ok, String detail) {
        em.persist(new AuditEntry(Instant.now(), user == null ? "anonymous" : user, action, target, remote,
                ok ? "success" : "failure", detail));
    }

    /** Newest first, {@code limit} entries starting after {@code offset}. */
    public List<AuditEntry> page(int offset, int limit) {
        return em.createQuery("select a from AuditEntry a order by a.id desc", AuditEntry.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Deletes entries older than the given instant; returns how many. */
    public int deleteBefore(Instant cutoff) {
        return em.createQuery("delete from AuditEntry a where a.at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
