package dev.pharos.tsdb;

import dev.pharos.model.Labels;

/** One series returned by a {@link Querier}: its labels and a fresh iterator over its samples. */
public interface Series {

    Labels labels();

    /** A new iterator positioned before the first sample of the queried range. */
    SampleIterator iterator();
}
