package dev.pharos.remote;

/**
 * How many shards a remote-write queue wants, after Prometheus's queue manager: enough sender
 * threads to keep up with the incoming rate given how long sending one sample takes, plus a
 * share of the backlog, rounded up and kept within [min_shards, max_shards]. Changes within
 * ±30 % of the current count are ignored so that the count does not flap.
 */
final class ShardCount {

    /** Fraction of the pending backlog to drain per second (Prometheus's integral gain: 0.1/s). */
    static final double BACKLOG_GAIN = 0.1;
    static final double TOLERANCE = 0.3;

    private ShardCount() {
    }

    /**
     * @param secondsPerSample sending time per sample (busy time of the senders / samples sent), NaN or <= 0 when unknown
     * @param inRate           samples per second entering the queue
     * @param pending          samples waiting in the shards
     */
    static int desired(double secondsPerSample, double inRate, long pending, int current, int min, int max) {
        if (!(secondsPerSample > 0) || !(inRate >= 0)) {
            return clamp(current, min, max);
        }
        double want = secondsPerSample * (inRate + BACKLOG_GAIN * pending);
        if (want > current * (1 - TOLERANCE) && want < current * (1 + TOLERANCE)) {
            return clamp(current, min, max);
        }
        return clamp((int) Math.min(Integer.MAX_VALUE, Math.ceil(want)), min, max);
    }

    static int clamp(int n, int min, int max) {
        return Math.max(Math.max(1, min), Math.min(n, Math.max(min, max)));
    }
}
