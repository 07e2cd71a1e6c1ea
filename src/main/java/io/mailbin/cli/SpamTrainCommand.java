package io.mailbin.cli;

import io.mailbin.spam.Algorithm;
import io.mailbin.spam.CrossValidation;
import io.mailbin.spam.Evaluation;
import io.mailbin.spam.LabelledMessage;
import io.mailbin.spam.SpamModel;
import io.mailbin.spam.Tokenizer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code spam train}: trains a model on labelled folders and writes it. The threshold stored in
 * the model comes from cross-validation on the same messages unless {@code --threshold} is given.
 */
@Command(name = "train", description = "Train a spam model from labelled folders.")
final class SpamTrainCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus = new CorpusOptions();

    @Mixin
    TuningOptions tuning = new TuningOptions();

    @Option(names = "--model", required = true, paramLabel = "OUT", description = "Where to write the model.")
    Path output;

    @Option(names = "--folds", paramLabel = "K",
            description = "Cross-validation folds used to choose the threshold (default: ${DEFAULT-VALUE}).")
    int folds = 10;

    @Option(names = "--threshold", paramLabel = "T", description = "Use this threshold instead of calibrating one.")
    Double threshold;

    @Override
    public Integer call() throws Exception {
        List<LabelledMessage> messages = corpus.load();
        if (messages.stream().noneMatch(LabelledMessage::spam) || messages.stream().allMatch(LabelledMessage::spam)) {
            throw new IllegalArgumentException("training needs both spam and ham messages, found "
                    + messages.stream().filter(LabelledMessage::spam).count() + " spam of " + messages.size());
        }
        SpamModel model = SpamModel.empty(tuning.settings());
        for (LabelledMessage message : messages) {
            model.train(message.raw(), message.spam());
        }
        model.setThreshold(threshold != null ? threshold : calibrate(messages));
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(output)) {
            model.write(out, tuning.minCount);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "trained on %d spam and %d ham; threshold %.6g; wrote %s (%d bytes)%n",
                model.spamMessages(), model.hamMessages(), model.threshold(), output, Files.size(output));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private double calibrate(List<LabelledMessage> messages) {
        var validation = new CrossValidation(folds, Algorithm.CHI_SQUARE, tuning.settings(), tuning.minCount, 0);
        return Evaluation.of(validation.run(messages, Tokenizer.standard())).thresholdFor(tuning.maxFpPer800);
    }
}
