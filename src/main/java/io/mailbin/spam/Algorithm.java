package io.mailbin.spam;

/** The Naive Bayes variants that evaluation can compare. Only chi-square is shipped. */
public enum Algorithm {
    /** Robinson f(w) with Fisher chi-square combining of the strongest clues (SpamBayes, bogofilter). */
    CHI_SQUARE,
    /** Multinomial Naive Bayes over binary occurrences with add-one smoothing. */
    MULTINOMIAL;

    Classifier classifier(RobinsonSettings settings) {
        return switch (this) {
            case CHI_SQUARE -> new ChiSquareClassifier(settings);
            case MULTINOMIAL -> new MultinomialClassifier(1.0);
        };
    }
}
