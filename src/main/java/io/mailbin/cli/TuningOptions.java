package io.mailbin.cli;

import io.mailbin.spam.RobinsonSettings;
import picocli.CommandLine.Option;

/** Classifier parameters shared by {@code spam train} and {@code spam eval}; defaults are the shipped ones. */
final class TuningOptions {
    /** Pruning tokens seen once doubled false positives in cross-validation: keep them all. */
    static final int DEFAULT_MIN_COUNT = 1;
    static final double DEFAULT_MAX_FP_PER_800 = 1.0;

    @Option(names = "--s", paramLabel = "S", description = "Robinson strength s (default: ${DEFAULT-VALUE}).")
    double strength = RobinsonSettings.DEFAULT.strength();

    @Option(names = "--x", paramLabel = "X", description = "Robinson prior x for unseen tokens (default: ${DEFAULT-VALUE}).")
    double prior = RobinsonSettings.DEFAULT.prior();

    @Option(names = "--min-distance", paramLabel = "D",
            description = "Ignore tokens whose probability is within D of 0.5 (default: ${DEFAULT-VALUE}).")
    double minDistance = RobinsonSettings.DEFAULT.minDistance();

    @Option(names = "--max-clues", paramLabel = "N", description = "Combine at most N strongest tokens (default: ${DEFAULT-VALUE}).")
    int maxClues = RobinsonSettings.DEFAULT.maxClues();

    @Option(names = "--min-count", paramLabel = "N",
            description = "Prune tokens seen in fewer than N training messages (default: ${DEFAULT-VALUE}).")
    int minCount = DEFAULT_MIN_COUNT;

    @Option(names = "--max-fp-per-800", paramLabel = "F",
            description = "Threshold: the lowest score with at most F false positives per 800 hams in cross-validation"
                    + " (default: ${DEFAULT-VALUE}).")
    double maxFpPer800 = DEFAULT_MAX_FP_PER_800;

    RobinsonSettings settings() {
        return new RobinsonSettings(strength, prior, minDistance, maxClues);
    }
}
