package dev.pharos.pushgateway;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code ratePerSecond} requests a second on average, bursts up to
 * one second's worth. Buckets idle for a minute are forgotten so that the map stays small.
 */
public final class RateLimiter {

    private final double rate;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    /** {@code ratePerSecond <= 0} disables limiting. */
    public RateLimiter(double ratePerSecond) {
        this.rate = ratePerSecond;
    }

    public boolean enabled() {
        return rate > 0;
    }

    /** Takes one token for {@code client}; false if it has none left (answer 429). */
    public boolean tryAcquire(String client, long nowNanos) {
        if (rate <= 0) {
            return true;
        }
        Bucket b = buckets.computeIfAbsent(client, c -> {
            Bucket n = new Bucket();
            n.tokens = Math.max(1, rate);
            n.lastNanos = nowNanos;
            return n;
        });
        synchronized (b) {
            double refill = (nowNanos - b.lastNanos) / 1e9 * rate;
            b.tokens = Math.min(Math.max(1, rate), b.tokens + refill);
            b.lastNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** Drops buckets idle for more than a minute. */
    public void evictIdle(long nowNanos) {
        buckets.values().removeIf(b -> nowNanos - b.lastNanos > 60_000_000_000L);
    }
}
