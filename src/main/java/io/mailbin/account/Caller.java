package io.mailbin.account;

import io.mailbin.store.Account;
import io.mailbin.store.Viewer;

/**
 * Who is making a request: an account (by its key), the operator, or nobody.
 *
 * @param account the key's account, or null (no key, or the operator's {@code --admin-key})
 * @param operator whether the caller may manage every account
 */
public record Caller(Account account, boolean operator) {
    public static final Caller ANONYMOUS = new Caller(null, false);

    public boolean anonymous() {
        return account == null && !operator;
    }

    /** The account id, or null. */
    public String id() {
        return account == null ? null : account.id();
    }

    /** Whether this caller may act for {@code owner}'s addresses, domains and mail. */
    public boolean actsFor(String owner) {
        return operator || (account != null && account.id().equals(owner));
    }

    public Viewer viewer() {
        return new Viewer(id(), operator);
    }
}
