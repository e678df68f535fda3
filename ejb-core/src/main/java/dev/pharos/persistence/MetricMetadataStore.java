package dev.pharos.persistence;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-metric metadata in the database, so it is known at once after a restart. */
@Stateless
public class MetricMetadataStore {

    @PersistenceContext(unitName = "pharos")
    EntityManager em;

    /** Inserts new metrics and updates changed ones; returns how many rows changed. */
    public int upsert(Collection<MetricMetadataEntry> entries) {
        Map<String, MetricMetadataEntry> stored = new HashMap<>();
        for (MetricMetadataEntry e : all()) {
            stored.put(e.metric(), e);
        }
        int changed = 0;
        for (MetricMetadataEntry e : entries) {
            MetricMetadataEntry have = stored.get(e.metric());
            if (have == null) {
                em.persist(e);
                stored.put(e.metric(), e);
                changed++;
            } else if (!have.sameAs(e)) {
                have.update(e);
                changed++;
            }
        }
        return changed;
    }

    public List<MetricMetadataEntry> all() {
        return em.createQuery("select m from MetricMetadataEntry m order by m.metric", MetricMetadataEntry.class)
                .getResultList();
    }
}
