package dev.pharos.alertmanager.notify;

import java.time.Duration;

/**
 * Exponential backoff between delivery attempts of one notification: first wait
 * {@code initial}, each next wait multiplied by {@code multiplier} up to {@code maxInterval},
 * at most {@code maxAttempts} attempts. The sleeper is injectable so tests never sleep.
 */
public record RetryPolicy(int maxAttempts, Duration initial, double multiplier, Duration maxInterval, Sleeper sleeper) {

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public static final Sleeper REAL = d -> Thread.sleep(d.toMillis());

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), REAL);
    }

    public Duration delay(int attempt) {
        double ms = initial.toMillis() * Math.pow(multiplier, attempt - 1);
        return Duration.ofMillis((long) Math.min(ms, maxInterval.toMillis()));
    }
}
