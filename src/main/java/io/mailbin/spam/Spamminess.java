package io.mailbin.spam;

/**
 * Maps log-odds evidence to a spamminess in (0, 1). Up to odds of e^8 (0.99966) this is the
 * plain logistic function, so mid-range scores keep their meaning; beyond that the log-odds are
 * compressed logarithmically so that even overwhelming evidence (log-odds in the thousands)
 * stays below 1.0 and above 0.0 and stronger evidence still scores further out.
 */
final class Spamminess {
    private static final double LINEAR_UP_TO = 8.0;
    private static final double COMPRESSION = 4.0;
    /** logistic(36) = 1 - 2.3e-16 is the last value a double still tells apart from 1.0. */
    private static final double MAX_COMPRESSED = 36.0;

    private Spamminess() {
    }

    static double of(double logOdds) {
        if (Double.isNaN(logOdds)) {
            return 0.5;
        }
        double magnitude = Math.abs(logOdds);
        if (magnitude > LINEAR_UP_TO) {
            double beyond = magnitude - LINEAR_UP_TO;
            magnitude = Math.min(MAX_COMPRESSED, LINEAR_UP_TO + COMPRESSION * Math.log1p(beyond / COMPRESSION));
        }
        double compressed = Math.copySign(magnitude, logOdds);
        return 1.0 / (1.0 + Math.exp(-compressed));
    }
}
