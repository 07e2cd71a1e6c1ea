package io.mailbin.spam;

import java.util.Comparator;

/** A token that counts towards a verdict, with its smoothed spam probability. */
record Clue(String token, double probability) {
    static final Comparator<Clue> STRONGEST_FIRST = Comparator
            .comparingDouble((Clue clue) -> -Math.abs(clue.probability() - 0.5))
            .thenComparing(Clue::token);
}
