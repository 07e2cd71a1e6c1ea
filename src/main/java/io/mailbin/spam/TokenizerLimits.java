package io.mailbin.spam;

/**
 * Bounds on the work the {@link Tokenizer} does for one message, so that a huge or hostile
 * message costs about as much as a large ordinary one.
 *
 * @param maxMessageBytes raw bytes of the message handed to the MIME parser; the rest is ignored
 * @param maxPartChars decoded characters read from any one text part
 * @param maxTokens tokens produced for one message, headers first
 */
public record TokenizerLimits(int maxMessageBytes, int maxPartChars, int maxTokens) {

    /** Large enough for every ordinary message in full; a 5 MB message is cut to its first 512 KiB. */
    public static final TokenizerLimits DEFAULT = new TokenizerLimits(512 * 1024, 100_000, 20_000);

    public TokenizerLimits {
        if (maxMessageBytes < 1 || maxPartChars < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("tokenizer limits must be positive");
        }
    }
}
