package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChiSquareTest {

    @Test
    void upperTailMatchesClosedFormsForTwoAndFourDegreesOfFreedom() {
        for (double x : new double[] {0.1, 1, 2.5, 10, 40}) {
            double m = x / 2;
            assertThat(Math.exp(ChiSquare.logUpperTail(x, 1))).isCloseTo(Math.exp(-m), within(1e-12));
            assertThat(Math.exp(ChiSquare.logUpperTail(x, 2))).isCloseTo(Math.exp(-m) * (1 + m), within(1e-12));
        }
    }

    @Test
    void tailsAddUpToOne() {
        for (int n : new int[] {1, 3, 20, 150}) {
            for (double x : new double[] {0.5, n, 2.0 * n, 3.0 * n, 10.0 * n}) {
                double total = Math.exp(ChiSquare.logUpperTail(x, n)) + Math.exp(ChiSquare.logLowerTail(x, n));
                assertThat(total).as("n=%d x=%f", n, x).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void extremeStatisticsStayFiniteAndOrdered() {
        double strong = ChiSquare.logUpperTail(5_000, 150);
        double stronger = ChiSquare.logUpperTail(6_000, 150);
        double weak = ChiSquare.logLowerTail(1, 150);
        double weaker = ChiSquare.logLowerTail(0.5, 150);

        assertThat(strong).isFinite().isLessThan(-1_000).isGreaterThan(stronger);
        assertThat(stronger).isFinite();
        assertThat(weak).isFinite().isLessThan(-500).isGreaterThan(weaker);
        assertThat(ChiSquare.logUpperTail(0, 5)).isZero();
        assertThat(ChiSquare.logLowerTail(0, 5)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void logFactorialIsExactInTheTableAndSmoothBeyond() {
        assertThat(ChiSquare.logFactorial(0)).isZero();
        assertThat(ChiSquare.logFactorial(5)).isCloseTo(Math.log(120), within(1e-12));
        double beyond = ChiSquare.logFactorial(1024) - ChiSquare.logFactorial(1023);
        assertThat(beyond).isCloseTo(Math.log(1024), within(1e-9));
    }

    @Test
    void logSumAddsInLinearSpace() {
        assertThat(ChiSquare.logSum(Math.log(2), Math.log(3))).isCloseTo(Math.log(5), within(1e-12));
        assertThat(ChiSquare.logSum(-2_000, -2_000)).isCloseTo(-2_000 + Math.log(2), within(1e-9));
        assertThat(ChiSquare.logSum(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
