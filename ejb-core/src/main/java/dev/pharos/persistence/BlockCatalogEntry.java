package dev.pharos.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One TSDB block as the catalog knows it. The block directories stay the source of truth;
 * this table is a queryable mirror that {@link BlockCatalog#sync} rebuilds from them.
 */
@Entity
@Table(name = "pharos_block_catalog")
public class BlockCatalogEntry {

    @Id
    @Column(length = 26)
    private String ulid;

    @Column(name = "min_time", nullable = false)
    private long minTime;

    @Column(name = "max_time", nullable = false)
    private long maxTime;

    @Column(name = "num_samples", nullable = false)
    private long numSamples;

    @Column(name = "num_series", nullable = false)
    private long numSeries;

    @Column(name = "num_chunks", nullable = false)
    private long numChunks;

    @Column(name = "compaction_level", nullable = false)
    private int level;

    protected BlockCatalogEntry() {
    }

    public BlockCatalogEntry(String ulid, long minTime, long maxTime, long numSamples, long numSeries,
                             long numChunks, int level) {
        this.ulid = ulid;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.numSamples = numSamples;
        this.numSeries = numSeries;
        this.numChunks = numChunks;
        this.level = level;
    }

    public String ulid() {
        return ulid;
    }

    public long minTime() {
        return minTime;
    }

    public long maxTime() {
        return maxTime;
    }

    public long numSamples() {
        return numSamples;
    }

    public long numSeries() {
        return numSeries;
    }

    public int level() {
        return level;
    }

    /** Same facts as another entry (the ULID identifies a block; its meta never changes). */
    boolean sameAs(BlockCatalogEntry o) {
        return minTime == o.minTime && maxTime == o.maxTime && numSamples == o.numSamples
                && numSeries == o.numSeries && numChunks == o.numChunks && level == o.level;
    }
}
