package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static List<ScoredMessage> scores(double[] spam, double[] ham) {
        List<ScoredMessage> scored = new ArrayList<>();
        for (double s : spam) {
            scored.add(new ScoredMessage("s", true, s));
        }
        for (double h : ham) {
            scored.add(new ScoredMessage("h", false, h));
        }
        return scored;
    }

    @Test
    void aucCountsOrderedPairsAndHalfTies() {
        assertThat(Evaluation.of(scores(new double[] {0.9, 0.8}, new double[] {0.1, 0.2})).auc()).isEqualTo(1.0);
        assertThat(Evaluation.of(scores(new double[] {0.1}, new double[] {0.9})).auc()).isEqualTo(0.0);
        assertThat(Evaluation.of(scores(new double[] {0.5}, new double[] {0.5})).auc()).isEqualTo(0.5);
        assertThat(Evaluation.of(scores(new double[] {0.9, 0.3}, new double[] {0.5, 0.1})).auc()).isEqualTo(0.75);
    }

    @Test
    void recallTableCountsFalsePositivesAtTheNeededThreshold() {
        Evaluation evaluation = Evaluation.of(scores(new double[] {0.99, 0.95, 0.9, 0.6}, new double[] {0.7, 0.2, 0.1, 0.0}));

        OperatingPoint half = evaluation.atRecall(0.5);
        OperatingPoint all = evaluation.atRecall(1.0);

        assertThat(half.threshold()).isEqualTo(0.95);
        assertThat(half.falsePositives()).isZero();
        assertThat(all.threshold()).isEqualTo(0.6);
        assertThat(all.falsePositives()).isEqualTo(1);
        assertThat(all.falsePositivesPer800()).isEqualTo(200.0);
        assertThat(all.recall()).isEqualTo(1.0);
    }

    @Test
    void thresholdForAFalsePositiveBudgetSitsBetweenTheLastPassedHamAndTheNextScore() {
        Evaluation evaluation = Evaluation.of(scores(new double[] {0.99, 0.95, 0.9, 0.6}, new double[] {0.7, 0.2, 0.1, 0.0}));

        double strict = evaluation.thresholdFor(0);

        assertThat(strict).isStrictlyBetween(0.7, 0.9);
        assertThat(evaluation.atThreshold(strict).falsePositives()).isZero();
        assertThat(evaluation.atThreshold(strict).recall()).isCloseTo(0.75, within(1e-12));
    }
}
