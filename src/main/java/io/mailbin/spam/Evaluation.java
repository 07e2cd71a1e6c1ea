package io.mailbin.spam;

import java.util.Arrays;
import java.util.List;

/**
 * Ranking quality of held-out scores: AUC, the false positives needed to reach a spam recall,
 * and the threshold that keeps false positives under a budget.
 */
public final class Evaluation {
    private final double[] spamScores;
    private final double[] hamScores;

    private Evaluation(double[] spamScores, double[] hamScores) {
        this.spamScores = spamScores;
        this.hamScores = hamScores;
    }

    public static Evaluation of(List<ScoredMessage> scored) {
        double[] spam = scored.stream().filter(ScoredMessage::spam).mapToDouble(ScoredMessage::spamminess).sorted().toArray();
        double[] ham = scored.stream().filter(s -> !s.spam()).mapToDouble(ScoredMessage::spamminess).sorted().toArray();
        if (spam.length == 0 || ham.length == 0) {
            throw new IllegalArgumentException("evaluation needs both spam and ham, got " + spam.length + " spam and " + ham.length + " ham");
        }
        return new Evaluation(spam, ham);
    }

    public int spamCount() {
        return spamScores.length;
    }

    public int hamCount() {
        return hamScores.length;
    }

    /** Probability that a random spam outscores a random ham, ties counting half (Mann-Whitney). */
    public double auc() {
        double wins = 0;
        for (double spam : spamScores) {
            int below = lowerBound(hamScores, spam);
            int tied = upperBound(hamScores, spam) - below;
            wins += below + 0.5 * tied;
        }
        return wins / ((double) spamScores.length * hamScores.length);
    }

    public OperatingPoint atThreshold(double threshold) {
        int caught = spamScores.length - lowerBound(spamScores, threshold);
        int falsePositives = hamScores.length - lowerBound(hamScores, threshold);
        return new OperatingPoint(threshold, (double) caught / spamScores.length, falsePositives,
                falsePositives * 800.0 / hamScores.length);
    }

    /** The highest threshold that still catches at least {@code recall} of the spam. */
    public OperatingPoint atRecall(double recall) {
        int needed = (int) Math.ceil(recall * spamScores.length - 1e-9);
        if (needed <= 0) {
            return atThreshold(Math.nextUp(spamScores[spamScores.length - 1]));
        }
        return atThreshold(spamScores[spamScores.length - needed]);
    }

    /**
     * The lowest threshold with at most {@code maxPer800} false positives per 800 hams, placed
     * half-way (in log-odds) between the highest ham it must pass and the next score above, so
     * that a model trained on slightly more data keeps the same side of the line.
     */
    public double thresholdFor(double maxPer800) {
        int allowed = (int) Math.floor(maxPer800 * hamScores.length / 800.0);
        if (allowed >= hamScores.length) {
            return Math.max(Double.MIN_VALUE, spamScores[0]);
        }
        double highestPassedHam = hamScores[hamScores.length - 1 - allowed];
        double next = 1.0;
        for (double score : spamScores) {
            if (score > highestPassedHam) {
                next = score;
                break;
            }
        }
        for (double score : hamScores) {
            if (score > highestPassedHam && score < next) {
                next = score;
            }
        }
        double middle = logistic((logit(highestPassedHam) + logit(next)) / 2);
        return middle > highestPassedHam ? middle : Math.nextUp(highestPassedHam);
    }

    private static double logit(double p) {
        double clamped = Math.min(Math.max(p, 1e-300), 1 - 1e-16);
        return Math.log(clamped) - Math.log1p(-clamped);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Index of the first score &gt; value in an ascending array. */
    private static int upperBound(double[] sorted, double value) {
        int index = lowerBound(sorted, value);
        while (index < sorted.length && sorted[index] == value) {
            index++;
        }
        return index;
    }

    /** Index of the first score &ge; value in an ascending array. */
    private static int lowerBound(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }
}
