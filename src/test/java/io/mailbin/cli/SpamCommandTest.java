package io.mailbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.spam.Messages;
import io.mailbin.spam.SpamModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamCommandTest {
    @TempDir
    Path dir;
    Path spamDir;
    Path hamDir;

    @BeforeEach
    void corpus() throws IOException {
        spamDir = Files.createDirectories(dir.resolve("spam"));
        hamDir = Files.createDirectories(dir.resolve("ham"));
        for (int i = 0; i < 12; i++) {
            Files.write(spamDir.resolve(i + ".eml"), Messages.spam(i));
            Files.write(hamDir.resolve(i + ".eml"), Messages.ham(i));
        }
    }

    @Test
    void helpDescribesTheSubcommands() {
        SpamCli result = SpamCli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Usage: spam", "train", "classify", "eval", "serve");
        assertThat(SpamCli.run("train", "--help").out()).contains("--spam=DIR", "--ham=DIR", "--list=FILE", "--model=OUT");
    }

    @Test
    void badFlagsExitNonZeroWithOneLineReason() {
        SpamCli unknown = SpamCli.run("classify", "--frobnicate", "x");
        SpamCli missing = SpamCli.run("train", "--spam", spamDir.toString());
        SpamCli noSubcommand = SpamCli.run();
        SpamCli badFolds = SpamCli.run("eval", "--spam", spamDir.toString(), "--ham", hamDir.toString(), "--folds", "1");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).doesNotContain("\n").contains("Unknown option: '--frobnicate'");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("Missing required options");
        assertThat(noSubcommand.exitCode()).isEqualTo(2);
        assertThat(noSubcommand.err()).contains("missing subcommand");
        assertThat(badFolds.exitCode()).isEqualTo(1);
        assertThat(badFolds.err().strip()).isEqualTo("spam eval: --folds must be at least 2, was 1");
    }

    @Test
    void missingFilesAreReportedNotThrown() {
        SpamCli result = SpamCli.run("classify", dir.resolve("nope.eml").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("spam classify:").contains("nope.eml").doesNotContain("\n");
    }

    @Test
    void trainThenClassifyGivesTheLibraryScores() throws IOException {
        Path model = dir.resolve("out/my.model");
        SpamCli train = SpamCli.run("train", "--spam", spamDir.toString(), "--ham", hamDir.toString(),
                "--folds", "3", "--model", model.toString());
        Path spamFile = Files.write(dir.resolve("new-spam.eml"), Messages.spam(50));
        Path hamFile = Files.write(dir.resolve("new-ham.eml"), Messages.ham(50));

        SpamCli classify = SpamCli.run("classify", "--model", model.toString(), spamFile.toString(), hamFile.toString());

        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("trained on 12 spam and 12 ham");
        SpamModel library = SpamModel.load(model);
        assertThat(classify.exitCode()).isZero();
        assertThat(classify.out().lines().toList()).containsExactly(
                String.valueOf(library.spamminess(Messages.spam(50))),
                String.valueOf(library.spamminess(Messages.ham(50))));
    }

    @Test
    void trainingTwiceWritesIdenticalModels() throws IOException {
        Path first = dir.resolve("first.model");
        Path second = dir.resolve("second.model");

        SpamCli.run("train", "--spam", spamDir.toString(), "--ham", hamDir.toString(), "--folds", "3", "--model", first.toString());
        SpamCli.run("train", "--spam", spamDir.toString(), "--ham", hamDir.toString(), "--folds", "3", "--model", second.toString());

        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void trainUsesOnlyListedFiles() throws IOException {
        Path list = Files.writeString(dir.resolve("list.tsv"), "path\tlabel\nspam/0.eml\tspam\nspam/1.eml\tspam\nham/0.eml\tham\n");
        Path model = dir.resolve("listed.model");

        SpamCli result = SpamCli.run("train", "--spam", spamDir.toString(), "--ham", hamDir.toString(),
                "--list", list.toString(), "--threshold", "0.8", "--model", model.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        SpamModel trained = SpamModel.load(model);
        assertThat(trained.spamMessages()).isEqualTo(2);
        assertThat(trained.hamMessages()).isEqualTo(1);
        assertThat(trained.threshold()).isEqualTo(0.8);
    }

    @Test
    void classifyUsesTheShippedModelByDefault() throws IOException {
        Path spamFile = Files.write(dir.resolve("x.eml"), Messages.spam(8));

        SpamCli result = SpamCli.run("classify", spamFile.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(Double.parseDouble(result.out().strip())).isEqualTo(SpamModel.loadDefault().spamminess(Messages.spam(8)));
    }

    @Test
    void evalReportsAucRecallAndTheFalsePositiveTable() {
        SpamCli result = SpamCli.run("eval", "--spam", spamDir.toString(), "--ham", hamDir.toString(), "--folds", "3");
        SpamCli multinomial = SpamCli.run("eval", "--spam", spamDir.toString(), "--ham", hamDir.toString(),
                "--folds", "3", "--algorithm", "multinomial");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("chi-square, 3-fold cross-validation: 12 spam, 12 ham", "AUC 1.00000",
                "threshold", "spam recall", "recall   threshold      FP  FP/800", " 95.0%");
        List<String> rows = result.out().lines().filter(line -> line.matches(" *\\d+\\.\\d%.*")).toList();
        assertThat(rows).hasSize(5);
        assertThat(multinomial.out()).contains("multinomial, 3-fold cross-validation", "AUC");
        assertThat(SpamCli.run("eval", "--spam", spamDir.toString(), "--ham", hamDir.toString(), "--algorithm", "svm").err())
                .contains("unknown --algorithm svm");
    }
}
