package dev.pharos.tsdb;

import dev.pharos.model.Labels;

/**
 * A batch of samples to add to the storage. Nothing is visible to queries until
 * {@link #commit()}; {@link #rollback()} discards the batch. One appender is used by one
 * thread (a scrape loop, a rule group evaluation) and is not reused after commit/rollback.
 *
 * <p>Out-of-order and duplicate samples are reported per sample by
 * {@link AppendRejectedException} from {@link #append}, so a scrape can count them and
 * go on with the rest of its batch.
 */
public interface Appender {

    /**
     * Adds one float sample (a stale marker is {@link dev.pharos.model.StaleNaN#VALUE}).
     *
     * @param ref a series reference returned by an earlier append of the same labels, or 0;
     *            lets hot loops skip the label lookup
     * @return the series reference to pass next time
     */
    long append(long ref, Labels labels, long timestampMillis, double value) throws AppendRejectedException;

    void commit();

    void rollback();
}
