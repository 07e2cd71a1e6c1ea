package io.mailbin.spam;

import java.util.Arrays;
import java.util.Set;

/**
 * Robinson/Fisher chi-square combining as in SpamBayes and bogofilter. Each token gets
 * Robinson's smoothed probability f(w) = (s·x + n·p(w)) / (s + n); the strongest clues are
 * combined by two chi-square tests, one for "these are spam clues" and one for "ham clues",
 * and the verdict is (S − H + 1) / 2. Everything is kept as logarithms so the ordering of
 * scores survives where the plain formula would round to exactly 0 or 1.
 */
final class ChiSquareClassifier implements Classifier {
    /**
     * When spam and ham clues are both overwhelming, (S − H + 1) / 2 is 0.5 whatever their
     * balance, and such two-sided messages (newsletters, spam quoted on mailing lists) end up
     * ordered by rounding noise. A small multiple of the difference of the two tests' evidence
     * (their −ln p-values) orders them; it is too small to move a one-sided verdict. Chosen by
     * cross-validation: 0.01 cut false positives at 95% recall from 6.3 to 3.0 (of 3,344 ham).
     */
    static final double TIE_BREAK = 0.01;

    private final RobinsonSettings settings;

    ChiSquareClassifier(RobinsonSettings settings) {
        this.settings = settings;
    }

    @Override
    public double logOdds(Set<String> distinctTokens, TokenTable table) {
        Clue[] clues = clues(distinctTokens, table);
        int n = clues.length;
        if (n == 0) {
            return 0.0;
        }
        double spamStatistic = 0;
        double hamStatistic = 0;
        for (Clue clue : clues) {
            spamStatistic -= 2 * Math.log1p(-clue.probability());
            hamStatistic -= 2 * Math.log(clue.probability());
        }
        // S = P(lower tail of the spam statistic), H = same for ham; I = (S - H + 1) / 2,
        // so ln I = ln(S + Q_ham) - ln 2 and ln(1 - I) = ln(Q_spam + H) - ln 2.
        double logSpam = ChiSquare.logSum(ChiSquare.logLowerTail(spamStatistic, n), ChiSquare.logUpperTail(hamStatistic, n));
        double logHam = ChiSquare.logSum(ChiSquare.logUpperTail(spamStatistic, n), ChiSquare.logLowerTail(hamStatistic, n));
        double spamEvidence = -ChiSquare.logUpperTail(spamStatistic, n);
        double hamEvidence = -ChiSquare.logUpperTail(hamStatistic, n);
        return logSpam - logHam + TIE_BREAK * (spamEvidence - hamEvidence);
    }

    /** The strongest tokens, strongest first; ties are broken by token so the choice is deterministic. */
    Clue[] clues(Set<String> distinctTokens, TokenTable table) {
        Clue[] candidates = new Clue[distinctTokens.size()];
        int size = 0;
        for (String token : distinctTokens) {
            double probability = probability(table.count(token), table);
            if (Math.abs(probability - 0.5) >= settings.minDistance()) {
                candidates[size++] = new Clue(token, probability);
            }
        }
        Arrays.sort(candidates, 0, size, Clue.STRONGEST_FIRST);
        return Arrays.copyOf(candidates, Math.min(size, settings.maxClues()));
    }

    /** Robinson's f(w): the spam probability of a token, shrunk towards the prior when it is rare. */
    double probability(TokenCount count, TokenTable table) {
        int n = count.total();
        if (n == 0) {
            return settings.prior();
        }
        double spamRatio = (double) count.spam() / Math.max(1, table.spamMessages());
        double hamRatio = (double) count.ham() / Math.max(1, table.hamMessages());
        double p = spamRatio / (spamRatio + hamRatio);
        double s = settings.strength();
        return (s * settings.prior() + n * p) / (s + n);
    }
}
