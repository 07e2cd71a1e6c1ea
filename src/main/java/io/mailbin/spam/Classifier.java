package io.mailbin.spam;

import java.util.Set;

/** A way of combining what the token table knows about a message's tokens into one verdict. */
interface Classifier {

    /**
     * Evidence that the message is spam, as log-odds: 0 is undecided, positive leans spam.
     * Finite for every input; {@link Spamminess} maps it into [0, 1].
     */
    double logOdds(Set<String> distinctTokens, TokenTable table);
}
