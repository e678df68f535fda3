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
        PushGroupEntity e = em.find(PushGroupEntity.class, id);
        if (e == null) {
            e = new PushGroupEntity(id, groupKey);
            e.update(families, pushTimeMs, failureTimeMs, expiryMs);
            em.persist(e);
        } else {
            e.update(families, pushTimeMs, failureTimeMs, expiryMs);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void delete(String id) {
        PushGroupEntity e = em.find(PushGroupEntity.class, id);
        if (e != null) {
            em.remove(e);
        }
    }

    public List<PushGroupEntity> all() {
        return em.createQuery("select g from PushGroupEntity g", PushGroupEntity.class).getResultList();
    }
}
