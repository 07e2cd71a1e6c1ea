package io.mailbin.spam;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the model has learned: per-token message counts and how many spam and ham messages were
 * trained. Not thread-safe; {@link SpamModel} guards it. Keys are real map keys, so a token such
 * as {@code __proto__} is just another word.
 */
final class TokenTable {
    private final Map<String, TokenCount> counts;
    private int spamMessages;
    private int hamMessages;
    private long spamTokens;
    private long hamTokens;

    TokenTable() {
        this(new HashMap<>(), 0, 0);
    }

    TokenTable(Map<String, TokenCount> counts, int spamMessages, int hamMessages) {
        this.counts = new HashMap<>(counts);
        this.spamMessages = spamMessages;
        this.hamMessages = hamMessages;
        for (TokenCount count : this.counts.values()) {
            spamTokens += count.spam();
            hamTokens += count.ham();
        }
    }

    /**
     * Adds ({@code delta = 1}) or removes ({@code delta = -1}) one message. Counts never go below
     * zero, so untraining a message the model never saw (or whose rare tokens were pruned) is harmless.
     */
    void learn(Collection<String> distinctTokens, boolean spam, int delta) {
        for (String token : distinctTokens) {
            TokenCount before = counts.getOrDefault(token, TokenCount.NONE);
            TokenCount after = before.plus(spam, delta);
            if (after.total() == 0) {
                counts.remove(token);
            } else {
                counts.put(token, after);
            }
            if (spam) {
                spamTokens += after.spam() - before.spam();
            } else {
                hamTokens += after.ham() - before.ham();
            }
        }
        if (spam) {
            spamMessages = Math.max(0, spamMessages + delta);
        } else {
            hamMessages = Math.max(0, hamMessages + delta);
        }
    }

    TokenCount count(String token) {
        return counts.getOrDefault(token, TokenCount.NONE);
    }

    int spamMessages() {
        return spamMessages;
    }

    int hamMessages() {
        return hamMessages;
    }

    long spamTokens() {
        return spamTokens;
    }

    long hamTokens() {
        return hamTokens;
    }

    int vocabularySize() {
        return counts.size();
    }

    /** The counts in token order, so that anything written from them is deterministic. */
    SortedMap<String, TokenCount> sorted() {
        return new TreeMap<>(counts);
    }

    /** A copy without the tokens seen in fewer than {@code minMessages} messages. */
    TokenTable pruned(int minMessages) {
        Map<String, TokenCount> kept = new HashMap<>();
        counts.forEach((token, count) -> {
            if (count.total() >= minMessages) {
                kept.put(token, count);
            }
        });
        return new TokenTable(kept, spamMessages, hamMessages);
    }
}
