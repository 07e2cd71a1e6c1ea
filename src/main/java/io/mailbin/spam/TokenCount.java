package io.mailbin.spam;

/** In how many trained spam and ham messages a token occurred (each message counts once). */
public record TokenCount(int spam, int ham) {
    static final TokenCount NONE = new TokenCount(0, 0);

    public TokenCount {
        if (spam < 0 || ham < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    int total() {
        return spam + ham;
    }

    TokenCount plus(boolean isSpam, int delta) {
        return isSpam ? new TokenCount(Math.max(0, spam + delta), ham) : new TokenCount(spam, Math.max(0, ham + delta));
    }
}
