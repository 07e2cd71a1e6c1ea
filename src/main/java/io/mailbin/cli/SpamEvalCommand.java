package io.mailbin.cli;

import io.mailbin.spam.Algorithm;
import io.mailbin.spam.CrossValidation;
import io.mailbin.spam.Evaluation;
import io.mailbin.spam.LabelledMessage;
import io.mailbin.spam.OperatingPoint;
import io.mailbin.spam.ScoredMessage;
import io.mailbin.spam.Tokenizer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spam eval}: k-fold cross-validation of the classifier over labelled folders. */
@Command(name = "eval", description = "Cross-validate the classifier: AUC, recall and false positives at the chosen threshold.")
final class SpamEvalCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private static final double[] RECALLS = {0.90, 0.95, 0.97, 0.99, 0.995};

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus = new CorpusOptions();

    @Mixin
    TuningOptions tuning = new TuningOptions();

    @Option(names = "--folds", paramLabel = "K", description = "Number of cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds = 10;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "chi-square (shipped) or multinomial (baseline) (default: ${DEFAULT-VALUE}).")
    String algorithm = "chi-square";

    @Option(names = "--seed", paramLabel = "N",
            description = "Vary the deterministic fold assignment, to see how much the figures depend on it (default: ${DEFAULT-VALUE}).")
    int seed = 0;

    @Option(names = "--scores", paramLabel = "FILE",
            description = "Also write every held-out score as name<TAB>label<TAB>spamminess, e.g. to plot a ROC curve.")
    java.nio.file.Path scoresFile;

    @Option(names = "--show-errors", paramLabel = "N",
            description = "Also list the N highest-scoring hams and N lowest-scoring spams (default: ${DEFAULT-VALUE}).")
    int showErrors = 0;

    @Override
    public Integer call() throws Exception {
        Algorithm chosen = switch (algorithm) {
            case "chi-square" -> Algorithm.CHI_SQUARE;
            case "multinomial" -> Algorithm.MULTINOMIAL;
            default -> throw new IllegalArgumentException("unknown --algorithm " + algorithm + ": use chi-square or multinomial");
        };
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, was " + folds);
        }
        List<LabelledMessage> messages = corpus.load();
        var validation = new CrossValidation(folds, chosen, tuning.settings(), tuning.minCount, seed);
        List<ScoredMessage> scored = validation.run(messages, Tokenizer.standard());
        report(Evaluation.of(scored), spec.commandLine().getOut());
        showErrors(scored, spec.commandLine().getOut());
        if (scoresFile != null) {
            java.nio.file.Files.write(scoresFile, scored.stream()
                    .map(s -> s.name() + "\t" + (s.spam() ? "spam" : "ham") + "\t" + s.spamminess())
                    .toList());
        }
        return 0;
    }

    private void showErrors(List<ScoredMessage> scored, PrintWriter out) {
        if (showErrors <= 0) {
            return;
        }
        out.println("highest-scoring ham:");
        scored.stream().filter(s -> !s.spam())
                .sorted(java.util.Comparator.comparingDouble(ScoredMessage::spamminess).reversed())
                .limit(showErrors)
                .forEach(s -> out.printf(Locale.ROOT, "  %-12s %s%n", score(s.spamminess()), s.name()));
        out.println("lowest-scoring spam:");
        scored.stream().filter(ScoredMessage::spam)
                .sorted(java.util.Comparator.comparingDouble(ScoredMessage::spamminess))
                .limit(showErrors)
                .forEach(s -> out.printf(Locale.ROOT, "  %-12s %s%n", score(s.spamminess()), s.name()));
        out.flush();
    }

    /** Six significant digits, but scores near 1 as "1-2.5e-09" so that they do not all print as 1.00000. */
    static String score(double spamminess) {
        return spamminess > 0.9999 && spamminess < 1
                ? String.format(Locale.ROOT, "1-%.2g", 1 - spamminess)
                : String.format(Locale.ROOT, "%.6g", spamminess);
    }

    private void report(Evaluation evaluation, PrintWriter out) {
        out.printf(Locale.ROOT, "%s, %d-fold cross-validation: %d spam, %d ham%n",
                algorithm, folds, evaluation.spamCount(), evaluation.hamCount());
        out.printf(Locale.ROOT, "AUC %.5f%n", evaluation.auc());
        double threshold = evaluation.thresholdFor(tuning.maxFpPer800);
        OperatingPoint chosen = evaluation.atThreshold(threshold);
        out.printf(Locale.ROOT, "threshold %s (at most %.1f FP per 800 ham): spam recall %.2f%%, false positives %d (%.2f per 800 ham)%n",
                score(threshold), tuning.maxFpPer800, 100 * chosen.recall(), chosen.falsePositives(), chosen.falsePositivesPer800());
        out.println("recall   threshold      FP  FP/800");
        for (double recall : RECALLS) {
            OperatingPoint point = evaluation.atRecall(recall);
            out.printf(Locale.ROOT, "%5.1f%%  %-12s %4d  %6.2f%n",
                    100 * recall, score(point.threshold()), point.falsePositives(), point.falsePositivesPer800());
        }
        out.flush();
    }
}
