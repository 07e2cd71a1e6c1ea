package io.mailbin.spam;

import java.util.Collection;

/** A way of combining what the token table knows about a message's tokens into one verdict. */
interface Classifier {

    /**
     * Evidence that the message is spam, as log-odds: 0 is undecided, positive leans spam.
     * Finite for every input; {@link Spamminess} maps it into [0, 1]. {@code tokens} may repeat a
     * token (as a message does); each distinct token counts once.
     */
    double logOdds(Collection<String> tokens, TokenTable table);
}
