package io.mailbin.spam;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Multinomial Naive Bayes over binary token occurrences, with Laplace (add-alpha) smoothing,
 * summed in log space. Kept as the baseline that {@code spam eval --algorithm multinomial}
 * compares the chi-square classifier against.
 */
final class MultinomialClassifier implements Classifier {
    private final double alpha;

    MultinomialClassifier(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public double logOdds(Collection<String> tokens, TokenTable table) {
        double vocabulary = Math.max(1, table.vocabularySize());
        double spamDenominator = Math.log(table.spamTokens() + alpha * vocabulary);
        double hamDenominator = Math.log(table.hamTokens() + alpha * vocabulary);
        double logOdds = Math.log((table.spamMessages() + 1.0) / (table.hamMessages() + 1.0));
        Set<String> taken = new HashSet<>();
        for (String token : tokens) {
            TokenCount count = table.count(token);
            if (count.total() == 0 || !taken.add(token)) {
                continue; // unseen in training (no evidence either way), or counted already
            }
            logOdds += Math.log(count.spam() + alpha) - spamDenominator;
            logOdds -= Math.log(count.ham() + alpha) - hamDenominator;
        }
        return logOdds;
    }
}
