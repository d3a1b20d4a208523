package dev.barge.registry;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per second per client, as a token bucket: a client may burst up to {@code burst}
 * requests, then gets {@code perSecond}. A refused request learns how many seconds to wait
 * (the {@code Retry-After} of a 429).
 */
final class RateLimiter {
    private static final int MAX_CLIENTS = 10_000;
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    RateLimiter(double perSecond, LongSupplier nanoTime) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate limit must be positive: " + perSecond);
        }
        this.perSecond = perSecond;
        this.burst = Math.max(1, perSecond * 2);
        this.nanoTime = nanoTime;
    }

    double perSecond() {
        return perSecond;
    }

    /** Empty when the client may go on, else the seconds it should wait. */
    OptionalLong acquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> refill(b, now) >= burst);
        }
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (b) {
            if (refill(b, now) >= 1) {
                b.tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }

    private double refill(Bucket b, long now) {
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.updated) / 1e9 * perSecond);
            b.updated = now;
            return b.tokens;
        }
    }
}
