package dev.pharos.tsdb;

/**
 * Walks the float samples of one series in time order, without allocating per sample.
 * Position starts before the first sample.
 */
public interface SampleIterator {

    /** Advances to the next sample; false when there is none. */
    boolean next();

    /**
     * Advances to the first sample with timestamp &gt;= t (staying put if the current one
     * already is); false when there is none. Never moves backwards.
     */
    boolean seek(long t);

    /** Timestamp in milliseconds of the current sample. */
    long timestamp();

    /** Value of the current sample (may be the stale marker). */
    double value();

    SampleIterator EMPTY = new SampleIterator() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public boolean seek(long t) {
            return false;
        }

        @Override
        public long timestamp() {
            throw new IllegalStateException("empty iterator");
        }

        @Override
        public double value() {
            throw new IllegalStateException("empty iterator");
        }
    };
}
