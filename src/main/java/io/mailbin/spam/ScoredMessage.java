package io.mailbin.spam;

/** A message's known class and the spamminess a model that never saw it gave it. */
public record ScoredMessage(String name, boolean spam, double spamminess) {
}
