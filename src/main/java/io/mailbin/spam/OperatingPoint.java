package io.mailbin.spam;

/**
 * How a threshold performs: messages scoring at or above {@code threshold} are called spam.
 *
 * @param falsePositivesPer800 false positives scaled to 800 hams, the unit our quality bar uses
 */
public record OperatingPoint(double threshold, double recall, int falsePositives, double falsePositivesPer800) {
}
