package io.mailbin.store;

/**
 * Who is reading, for queries that must leave out what the reader may not see: private mail of
 * other accounts, and public messages another account starred (starring keeps a message for that
 * account only).
 *
 * @param account  the reader's account, or null for a request without a key
 * @param operator an operator sees everything
 */
public record Viewer(String account, boolean operator) {
    public static final Viewer ANONYMOUS = new Viewer(null, false);

    /** Whether this viewer may read a message with these routing facts and flags. */
    public boolean canRead(String owner, boolean isPrivate, String savedBy) {
        if (operator) {
            return true;
        }
        if (account != null && (account.equals(owner) || account.equals(savedBy))) {
            return true;
        }
        return !isPrivate && savedBy == null;
    }

    public boolean canRead(StoredMessage m) {
        return canRead(m.owner(), m.isPrivate(), m.savedBy());
    }
}
