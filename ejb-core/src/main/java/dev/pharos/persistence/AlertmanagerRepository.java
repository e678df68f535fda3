package dev.pharos.persistence;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Silences and the notification log of the Alertmanager face, stored through JPA so that they
 * survive restarts and are shared by every instance on the same database. Every call is a
 * transaction of its own: the engine calls from scheduler threads, outside any transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AlertmanagerRepository {

    @PersistenceContext(unitName = "pharos")
    EntityManager em;

    public List<SilenceRecord> silences() {
        return em.createQuery("select s from SilenceRecord s", SilenceRecord.class).getResultList();
    }

    public void putSilence(SilenceRecord s) {
        em.merge(s);
    }

    public void deleteSilence(String id) {
        SilenceRecord s = em.find(SilenceRecord.class, id);
        if (s != null) {
            em.remove(s);
        }
    }

    public NotificationLogRecord logEntry(String keyHash) {
        return em.find(NotificationLogRecord.class, keyHash);
    }

    public void putLogEntry(NotificationLogRecord r) {
        em.merge(r);
    }

    public int deleteLogEntriesExpiredBefore(Instant now) {
        return em.createQuery("delete from NotificationLogRecord r where r.expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate();
    }
}
