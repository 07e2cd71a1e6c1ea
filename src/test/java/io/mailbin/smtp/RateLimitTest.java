package io.mailbin.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    @Test
    void ratesParseAsOperatorsWriteThem() {
        assertThat(RateLimit.parse("f", "off").enabled()).isFalse();
        assertThat(RateLimit.parse("f", "100/1m")).isEqualTo(new RateLimit(100, Duration.ofMinutes(1), 100));
        assertThat(RateLimit.parse("f", "10/s")).isEqualTo(new RateLimit(10, Duration.ofSeconds(1), 10));
        assertThat(RateLimit.parse("f", "600/1h,burst=50")).isEqualTo(new RateLimit(600, Duration.ofHours(1), 50));
        assertThat(RateLimit.parse("f", "600/1h,burst=50")).hasToString("600/1h,burst=50");
        assertThatThrownBy(() -> RateLimit.parse("--smtp-rate-per-ip", "lots")).hasMessageContaining("--smtp-rate-per-ip");
    }

    @Test
    void aBucketRefillsAtTheRateAndIdleBucketsAreForgotten() throws Exception {
        RateLimiter limiter = new RateLimiter(new RateLimit(2, Duration.ofMillis(200), 2));
        assertThat(limiter.tryTake("a")).isTrue();
        assertThat(limiter.tryTake("a")).isTrue();
        assertThat(limiter.tryTake("a")).isFalse();
        assertThat(limiter.exhausted("a")).isTrue();
        Thread.sleep(120);
        assertThat(limiter.tryTake("a")).isTrue();
        for (int i = 0; i < 5000; i++) {
            limiter.tryTake("ip-" + i);
        }
        Thread.sleep(250); // every bucket is full again
        for (int i = 0; i < 6000; i++) { // the map doubles past 8,200 entries: that sweep drops the 5,000 idle ones
            limiter.tryTake("next-" + i);
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(6001);
    }
}
