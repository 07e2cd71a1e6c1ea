package io.mailbin.spam;

/**
 * Parameters of Robinson's token probability and Fisher's chi-square combining.
 *
 * @param strength s: how many messages' worth of weight the prior {@code x} has against a token's own counts
 * @param prior x: the probability assumed for a token never seen
 * @param minDistance tokens whose probability is closer than this to 0.5 are ignored as noise
 * @param maxClues at most this many of the strongest tokens are combined
 */
public record RobinsonSettings(double strength, double prior, double minDistance, int maxClues) {

    /**
     * bogofilter's s and minimum deviation with SpamBayes' clue limit, chosen by cross-validation on
     * the training list (bench/spam/README.md): against SpamBayes' (0.45, 0.5, 0.1, 150) they halve
     * false positives at 95% recall.
     */
    public static final RobinsonSettings DEFAULT = new RobinsonSettings(0.0178, 0.5, 0.375, 150);

    public RobinsonSettings {
        if (!(strength > 0) || !(prior > 0 && prior < 1) || !(minDistance >= 0 && minDistance < 0.5) || maxClues < 1) {
            throw new IllegalArgumentException("invalid Robinson settings: s=" + strength + " x=" + prior
                    + " minDistance=" + minDistance + " maxClues=" + maxClues);
        }
    }
}
