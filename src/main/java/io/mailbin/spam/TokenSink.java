package io.mailbin.spam;

import java.util.ArrayList;
import java.util.List;

/** Collects the tokens of one message and stops accepting them once the limit is reached. */
final class TokenSink {
    private final int limit;
    private final List<String> tokens = new ArrayList<>(256);

    TokenSink(int limit) {
        this.limit = limit;
    }

    void add(String token) {
        if (tokens.size() < limit) {
            tokens.add(token);
        }
    }

    boolean full() {
        return tokens.size() >= limit;
    }

    List<String> tokens() {
        return tokens;
    }
}
