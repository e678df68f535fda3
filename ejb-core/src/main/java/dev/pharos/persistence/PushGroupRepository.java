package dev.pharos.persistence;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Stores Pushgateway groups. Every change commits in a transaction of its own before the
 * call returns, so that the caller can acknowledge a push only once it is durable.
 */
@Stateless
public class PushGroupRepository {

    @PersistenceContext(unitName = "pharos")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void save(String id, String groupKey, byte[] families, long pushTimeMs, long failureTimeMs, long expiryMs) {
        // An update in place first: no read of the stored families on the hot path.
        int n = em.createQuery("update PushGroupEntity g set g.families = :f, g.pushTimeMs = :p, "
                + "g.failureTimeMs = :x, g.expiryMs = :e where g.id = :id")
                .setParameter("f", families).setParameter("p", pushTimeMs).setParameter("x", failureTimeMs)
                .setParameter("e", expiryMs).setParameter("id", id).executeUpdate();
        if (n == 0) {
            PushGroupEntity e = new PushGroupEntity(id, groupKey);
            e.update(families, pushTimeMs, failureTimeMs, expiryMs);
            em.persist(e);
        }
    }

    /** Stores and removes the groups of a batch in one transaction (the group commit). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void apply(PushGroupBatch batch) {
        // Loaded and changed as entities rather than by one bulk update each: the updates and
        // inserts are then flushed once, in JDBC batches (hibernate.jdbc.batch_size).
        for (PushGroupEntity e : batch.saves()) {
            PushGroupEntity cur = em.find(PushGroupEntity.class, e.id());
            if (cur == null) {
                em.persist(e);
            } else {
                cur.update(e.families(), e.pushTimeMs(), e.failureTimeMs(), e.expiryMs());
            }
        }
        em.flush();
        for (String id : batch.deletes()) {
            em.createQuery("delete from PushGroupEntity g where g.id = :id").setParameter("id", id).executeUpdate();
        }
    }

    /** The stored group, or null: a failed batch reloads memory from it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public PushGroupEntity find(String id) {
        return em.find(PushGroupEntity.class, id);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void delete(String id) {
        em.createQuery("delete from PushGroupEntity g where g.id = :id").setParameter("id", id).executeUpdate();
    }

    public List<PushGroupEntity> all() {
        return em.createQuery("select g from PushGroupEntity g", PushGroupEntity.class).getResultList();
    }
}
