package dev.pharos.alertmanager.notify;

import java.time.Duration;

/**
 * Exponential backoff between delivery attempts of one notification: first wait
 * {@code initial}, each next wait multiplied by {@code multiplier} up to {@code maxInterval},
 * at most {@code maxAttempts} attempts and, as in the original, only while the flush's time
 * budget lasts (group_interval, at least {@link #MIN_BUDGET}, plus the peer wait). The
 * sleeper is injectable so tests never sleep.
 */
public record RetryPolicy(int maxAttempts, Duration initial, double multiplier, Duration maxInterval, Sleeper sleeper) {

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public static final Sleeper REAL = d -> Thread.sleep(d.toMillis());

    /** The original's notify.MinTimeout: the shortest time a flush may spend retrying. */
    public static final Duration MIN_BUDGET = Duration.ofSeconds(10);

    /** The original's backoff (500 ms, x1.5, at most 60 s between attempts), without jitter, no attempt cap. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(500), 1.5, Duration.ofSeconds(60), REAL);
    }

    /** The time one flush may spend on a notification: group_interval (at least 10 s) plus the peer wait. */
    public static Duration budget(Duration groupInterval, Duration peerWait) {
        Duration d = groupInterval == null || groupInterval.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : groupInterval;
        return d.plus(peerWait == null ? Duration.ZERO : peerWait);
    }

    public Duration delay(int attempt) {
        double ms = initial.toMillis() * Math.pow(multiplier, attempt - 1);
        return Duration.ofMillis((long) Math.min(ms, maxInterval.toMillis()));
    }
}
