package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpamminessTest {

    @Test
    void isTheLogisticFunctionInTheMiddle() {
        assertThat(Spamminess.of(0)).isEqualTo(0.5);
        assertThat(Spamminess.of(2)).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-15));
        assertThat(Spamminess.of(-8)).isCloseTo(1 / (1 + Math.exp(8)), within(1e-15));
    }

    @Test
    void overwhelmingEvidenceStaysInsideTheOpenIntervalAndOrdered() {
        double previous = 0.5;
        for (double logOdds = 1; logOdds < 5_000; logOdds *= 1.5) {
            double spamminess = Spamminess.of(logOdds);
            assertThat(spamminess).isLessThan(1.0).isGreaterThan(previous);
            assertThat(Spamminess.of(-logOdds)).isGreaterThan(0.0).isCloseTo(1 - spamminess, within(1e-15));
            previous = spamminess;
        }
        assertThat(Spamminess.of(1e300)).isLessThan(1.0);
        assertThat(Spamminess.of(-1e300)).isGreaterThan(0.0);
        assertThat(Spamminess.of(Double.NaN)).isEqualTo(0.5);
    }
}
