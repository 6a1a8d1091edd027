package io.ledgerflow.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void allowsABurstOfCapacityThenRefusesWithTheWaitForTheNextToken() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);

        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(SECOND / 2);
    }

    @Test
    void refillsAtTheRateButNeverAboveCapacity() {
        TokenBucket bucket = new TokenBucket(2, 2, 0);
        bucket.tryTake(0);
        bucket.tryTake(0);

        assertThat(bucket.tryTake(SECOND / 2)).isZero();
        assertThat(bucket.tryTake(SECOND / 2)).isPositive();
        assertThat(bucket.isFull(100 * SECOND)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).isPositive();
    }

    @Test
    void aClockGoingBackwardsAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
        bucket.tryTake(10 * SECOND);

        assertThat(bucket.tryTake(5 * SECOND)).isPositive();
        assertThat(bucket.isFull(10 * SECOND)).isFalse();
    }
}
