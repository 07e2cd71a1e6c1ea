package io.mailbin.account;

/** A request about accounts, addresses or domains that cannot be done; the reason decides the HTTP status. */
public final class AccountException extends RuntimeException {
    public enum Reason {
        /** malformed input: 400 */
        INVALID,
        /** the caller already has it, or it does not exist for this caller: 400 (the spec's choice) */
        CONFLICT,
        /** nothing by that name: 404 */
        NOT_FOUND,
        /** no or a bad key: 401 */
        UNAUTHENTICATED,
        /** owned by another account: 401 for addresses (the spec's choice), 403 elsewhere */
        OWNED_BY_OTHER
    }

    private final Reason reason;

    public AccountException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
