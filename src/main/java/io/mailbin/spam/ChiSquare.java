package io.mailbin.spam;

/**
 * Tail probabilities of the chi-square distribution with an even number of degrees of freedom,
 * as natural logarithms, so that evidence from 150 strong tokens (probabilities like 1e-400)
 * still orders correctly instead of rounding to 0 or 1.
 *
 * <p>For 2n degrees of freedom, P(X &gt; x) = P(Poisson(x/2) &lt; n); the Poisson terms are summed
 * around their largest one, scaled so nothing underflows.
 */
final class ChiSquare {
    private static final int TABLE = 1024;
    private static final double[] LOG_FACTORIAL = new double[TABLE];
    private static final double NEGLIGIBLE = 1e-17;

    static {
        for (int i = 1; i < TABLE; i++) {
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private ChiSquare() {
    }

    /** ln P(X &gt; x) for X chi-square distributed with {@code 2n} degrees of freedom, n &ge; 1. */
    static double logUpperTail(double x, int n) {
        double m = x / 2;
        if (m <= 0) {
            return 0.0;
        }
        int peak = (int) Math.min(n - 1, Math.floor(m));
        return logPoissonSum(m, peak, 0, n - 1);
    }

    /** ln P(X &le; x) for X chi-square distributed with {@code 2n} degrees of freedom, n &ge; 1. */
    static double logLowerTail(double x, int n) {
        double m = x / 2;
        if (m <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (m < n) {
            // the terms i >= n fall steadily from i = n on: sum them directly, no cancellation
            return logPoissonSum(m, n, n, Integer.MAX_VALUE);
        }
        return Math.log1p(-Math.exp(logUpperTail(x, n)));
    }

    /** ln of the sum of Poisson(m) probabilities for i in [from, to], whose largest term is at {@code peak}. */
    private static double logPoissonSum(double m, int peak, int from, int to) {
        double logM = Math.log(m);
        double logPeak = -m + peak * logM - logFactorial(peak);
        double sum = 1.0;
        double term = 1.0;
        for (int i = peak; i > from && term > NEGLIGIBLE; i--) {
            term *= i / m;
            sum += term;
        }
        term = 1.0;
        for (int i = peak + 1; i <= to && term > NEGLIGIBLE; i++) {
            term *= m / i;
            sum += term;
        }
        return logPeak + Math.log(sum);
    }

    static double logFactorial(int n) {
        if (n < TABLE) {
            return LOG_FACTORIAL[n];
        }
        double x = n + 1.0;
        // Stirling series for ln Gamma(x); exact to double precision for x > 1000
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    /** ln(e^a + e^b) without overflow or underflow. */
    static double logSum(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(Math.min(a, b) - max));
    }
}
