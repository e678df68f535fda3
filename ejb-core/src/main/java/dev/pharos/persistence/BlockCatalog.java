package dev.pharos.persistence;

import dev.pharos.tsdb.BlockMeta;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The block catalog in the database, kept equal to the TSDB's block directories. */
@Stateless
public class BlockCatalog {

    @PersistenceContext(unitName = "pharos")
    EntityManager em;

    /**
     * Makes the catalog equal to the given blocks: rows of vanished blocks are deleted, new
     * blocks inserted, and rows that disagree with their block's meta.json rewritten.
     *
     * @return how many rows changed
     */
    public int sync(List<BlockMeta> blocks) {
        Map<String, BlockCatalogEntry> rows = new HashMap<>();
        for (BlockCatalogEntry e : em.createQuery("select b from BlockCatalogEntry b", BlockCatalogEntry.class)
                .getResultList()) {
            rows.put(e.ulid(), e);
        }
        int changed = 0;
        for (BlockMeta m : blocks) {
            BlockCatalogEntry want = new BlockCatalogEntry(m.ulid(), m.minTime(), m.maxTime(), m.numSamples(),
                    m.numSeries(), m.numChunks(), m.level());
            BlockCatalogEntry have = rows.remove(m.ulid());
            if (have == null) {
                em.persist(want);
                changed++;
            } else if (!have.sameAs(want)) {
                em.remove(have);
                em.flush();
                em.persist(want);
                changed++;
            }
        }
        for (BlockCatalogEntry stale : rows.values()) {
            em.remove(stale);
            changed++;
        }
        return changed;
    }

    public List<BlockCatalogEntry> all() {
        return em.createQuery("select b from BlockCatalogEntry b order by b.minTime", BlockCatalogEntry.class)
                .getResultList();
    }
}
