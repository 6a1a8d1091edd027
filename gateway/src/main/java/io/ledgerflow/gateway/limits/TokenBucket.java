package io.ledgerflow.gateway.limits;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code refillPerSecond}; a request
 * takes one. Time comes in as nanoseconds from the caller so the bucket is deterministic under test.
 */
final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when a token was taken, else the nanoseconds until the next token
     */
    synchronized long tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / refillPerNano);
    }

    /** True when the bucket has been full (idle) at {@code nowNanos}: forgetting it loses nothing. */
    synchronized boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
            lastNanos = nowNanos;
        }
    }
}
