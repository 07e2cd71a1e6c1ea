package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamModelTest {

    @Test
    void scoresAreInsideZeroOneAndSeparateSpamFromHam() {
        SpamModel model = Messages.smallModel();

        double spam = model.spamminess(Messages.spam(42));
        double ham = model.spamminess(Messages.ham(42));

        assertThat(spam).isGreaterThan(0.9).isLessThan(1.0);
        assertThat(ham).isLessThan(0.1).isGreaterThan(0.0);
    }

    @Test
    void aTokenCountsOnceHoweverOftenAMessageRepeatsIt() {
        SpamModel model = Messages.smallModel();
        List<String> tokens = Tokenizer.standard().tokenize(Messages.spam(7));
        List<String> repeated = new ArrayList<>(tokens);
        for (int i = 0; i < 20; i++) {
            repeated.addAll(tokens);
        }
        List<String> distinct = tokens.stream().distinct().toList();

        assertThat(repeated.size()).isGreaterThan(distinct.size());
        assertThat(model.spamminessOf(repeated)).isEqualTo(model.spamminessOf(distinct));
        TokenTable table = new TokenTable();
        for (int i = 0; i < 10; i++) {
            table.learn(new java.util.HashSet<>(Tokenizer.standard().tokenize(Messages.spam(i))), true, 1);
            table.learn(new java.util.HashSet<>(Tokenizer.standard().tokenize(Messages.ham(i))), false, 1);
        }
        var multinomial = new MultinomialClassifier(1.0);
        assertThat(multinomial.logOdds(repeated, table)).isEqualTo(multinomial.logOdds(distinct, table));
        assertThat(multinomial.logOdds(repeated, table)).isNotEqualTo(0.0);
    }

    @Test
    void untrainedModelIsUndecided() {
        assertThat(SpamModel.empty().spamminess(Messages.spam(1))).isEqualTo(0.5);
    }

    @Test
    void trainingIsDeterministicWhateverTheOrder() throws IOException {
        SpamModel forward = SpamModel.empty();
        SpamModel backward = SpamModel.empty();
        for (int i = 0; i < 10; i++) {
            forward.train(Messages.spam(i), true);
            forward.train(Messages.ham(i), false);
        }
        for (int i = 9; i >= 0; i--) {
            backward.train(Messages.ham(i), false);
            backward.train(Messages.spam(i), true);
        }

        assertThat(bytes(forward)).isEqualTo(bytes(backward)).isEqualTo(bytes(Messages.smallModel()));
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws IOException {
        SpamModel model = Messages.smallModel();
        model.setThreshold(0.73);
        Path file = dir.resolve("test.model");

        model.save(file);
        SpamModel loaded = SpamModel.load(file);

        assertThat(bytes(loaded)).isEqualTo(bytes(model));
        assertThat(loaded.threshold()).isEqualTo(0.73);
        assertThat(loaded.settings()).isEqualTo(model.settings());
        assertThat(loaded.spamMessages()).isEqualTo(10);
        assertThat(loaded.hamMessages()).isEqualTo(10);
        assertThat(loaded.spamminess(Messages.spam(99))).isEqualTo(model.spamminess(Messages.spam(99)));
    }

    @Test
    void untrainUndoesTrain() throws IOException {
        SpamModel model = Messages.smallModel();
        byte[] before = bytes(model);
        byte[] extra = Messages.raw("Subject: unique words\n\nzanzibar quixotic flugelhorn\n");

        model.train(extra, true);
        assertThat(bytes(model)).isNotEqualTo(before);
        model.untrain(extra, true);

        assertThat(bytes(model)).isEqualTo(before);
    }

    @Test
    void incrementalTrainingMovesTheScore() {
        SpamModel model = Messages.smallModel();
        byte[] message = Messages.raw("Subject: weekly digest\n\nzanzibar quixotic flugelhorn marmalade\n");
        double before = model.spamminess(message);

        for (int i = 0; i < 3; i++) {
            model.train(message, true);
        }

        assertThat(model.spamminess(message)).isGreaterThan(before);
    }

    @Test
    void prunedWriteDropsRareTokens() throws IOException {
        SpamModel model = Messages.smallModel();
        var all = new ByteArrayOutputStream();
        var pruned = new ByteArrayOutputStream();

        model.write(all, 1);
        model.write(pruned, 2);

        assertThat(pruned.size()).isLessThan(all.size());
        assertThat(SpamModel.read(new ByteArrayInputStream(pruned.toByteArray())).spamminess(Messages.spam(5))).isGreaterThan(0.9);
    }

    @Test
    void corruptFilesAreRefusedWithAReason() throws IOException {
        byte[] good = bytes(Messages.smallModel());
        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 1;

        assertThatThrownBy(() -> SpamModel.read(new ByteArrayInputStream("not a model at all".getBytes())))
                .isInstanceOf(IOException.class).hasMessageContaining("bad magic");
        assertThatThrownBy(() -> SpamModel.read(new ByteArrayInputStream(flipped)))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
        assertThatThrownBy(() -> SpamModel.read(new ByteArrayInputStream(java.util.Arrays.copyOf(good, good.length - 9))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SpamModel.read(new ByteArrayInputStream(new byte[3])))
                .isInstanceOf(IOException.class).hasMessageContaining("too short");
    }

    @Test
    void thresholdMustBeAProbability() {
        SpamModel model = SpamModel.empty();
        assertThatThrownBy(() -> model.setThreshold(1.5)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> model.setThreshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultModelShipsInTheJarAndKnowsSpam() {
        SpamModel model = SpamModel.loadDefault();

        assertThat(model.spamMessages()).isEqualTo(1527);
        assertThat(model.hamMessages()).isEqualTo(3344);
        assertThat(model.threshold()).isStrictlyBetween(0.0, 1.0);
        Verdict spam = model.check(Messages.spam(3));
        Verdict ham = model.check(Messages.ham(3));
        assertThat(spam.spam()).isTrue();
        assertThat(ham.spam()).isFalse();
        assertThat(spam.spamminess()).isStrictlyBetween(ham.spamminess(), 1.0);
        assertThat(ham.spamminess()).isGreaterThan(0.0);
    }

    @Test
    void scoringIsSafeOnManyVirtualThreadsWhileTraining() throws Exception {
        SpamModel model = Messages.smallModel();
        double expected = model.spamminess(Messages.spam(7));
        List<Future<Double>> scores = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                scores.add(executor.submit(() -> model.spamminess(Messages.spam(7))));
                if (i % 20 == 0) {
                    int variant = 100 + i;
                    executor.submit(() -> {
                        model.train(Messages.ham(variant), false);
                        model.untrain(Messages.ham(variant), false);
                    });
                }
            }
        }
        for (Future<Double> score : scores) {
            assertThat(score.get()).isStrictlyBetween(0.0, 1.0);
        }
        assertThat(model.spamminess(Messages.spam(7))).isEqualTo(expected);
    }

    private static byte[] bytes(SpamModel model) throws IOException {
        var out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }
}
