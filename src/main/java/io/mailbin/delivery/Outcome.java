package io.mailbin.delivery;

/**
 * What one delivery attempt came to.
 *
 * @param status    the HTTP status or SMTP reply code, null when the target never answered
 * @param error     what went wrong, null on success
 * @param permanent a failure that retrying cannot fix (a refused target, a rejected recipient, a deleted message)
 */
record Outcome(boolean delivered, Integer status, String error, boolean permanent) {
    static Outcome delivered(int status) {
        return new Outcome(true, status, null, false);
    }

    static Outcome retry(Integer status, String error) {
        return new Outcome(false, status, error, false);
    }

    static Outcome giveUp(Integer status, String error) {
        return new Outcome(false, status, error, true);
    }
}
