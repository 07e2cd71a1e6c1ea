package io.mailbin.account;

import io.mailbin.store.Account;
import io.mailbin.store.AccountStore;
import io.mailbin.store.DuplicateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Creates accounts and their keys, and tells who a key belongs to. Successful key lookups are cached
 * for the current directory version (any key change bumps it), so authenticating a request costs a
 * hash and a map lookup.
 */
public final class Accounts {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int CACHE_LIMIT = 10_000;

    /** A new account or key: the plain key is shown once and never stored. */
    public record Issued(Account account, String key) {}

    private record Cached(long version, Account account) {}

    private final AccountStore store;
    private final Directory directory;
    private final int defaultMessageLimit;
    private final String adminKey;
    private final Map<String, Cached> byKeyHash = new ConcurrentHashMap<>();

    /** @param adminKey the operator key from {@code --admin-key}, or null */
    public Accounts(AccountStore store, Directory directory, int defaultMessageLimit, String adminKey) {
        this.store = store;
        this.directory = directory;
        this.defaultMessageLimit = defaultMessageLimit;
        this.adminKey = adminKey == null || adminKey.isBlank() ? null : adminKey;
    }

    public Issued create(String name, boolean operator) {
        String id = name == null ? "" : name.trim();
        if (!NAME.matcher(id).matches()) {
            throw new AccountException(AccountException.Reason.INVALID, "account names are 1-64 lower-case letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit; got '" + id + "'");
        }
        String key = ApiKeys.generate();
        Account account = new Account(id, Instant.now(), operator, defaultMessageLimit);
        try {
            store.insertAccount(account, ApiKeys.hash(key));
        } catch (DuplicateException e) {
            throw new AccountException(AccountException.Reason.CONFLICT, e.getMessage());
        }
        return new Issued(account, key);
    }

    /** Replaces every key of the account; the old ones stop working at once. */
    public Issued rotateKey(String name) {
        Account account = find(name);
        String key = ApiKeys.generate();
        store.replaceKeys(account.id(), ApiKeys.hash(key));
        byKeyHash.clear();
        directory.refresh();
        return new Issued(account, key);
    }

    public void delete(String name) {
        Account account = find(name);
        store.deleteAccount(account.id());
        byKeyHash.clear();
        directory.refresh();
    }

    /** Turns the spam filter off (or back on) for the account's mail; routing sees it at once. */
    public void setDisableSpam(String name, boolean disable) {
        Account account = find(name);
        store.setDisableSpam(account.id(), disable);
        byKeyHash.clear();
        directory.refresh();
    }

    public Account find(String name) {
        return store.account(name).orElseThrow(() ->
                new AccountException(AccountException.Reason.NOT_FOUND, "no account named '" + name + "'"));
    }

    public Optional<Account> account(String name) {
        return store.account(name);
    }

    public List<Account> list() {
        return store.accounts();
    }

    /** Who a presented key belongs to; empty for an unknown key. */
    public Optional<Caller> authenticate(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (adminKey != null && ApiKeys.sameKey(key, adminKey)) {
            return Optional.of(new Caller(null, true));
        }
        String hash = ApiKeys.hash(key);
        long version = directory.version();
        Cached cached = byKeyHash.get(hash);
        if (cached == null || cached.version() != version) {
            Optional<Account> found = store.accountByKeyHash(hash);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (byKeyHash.size() > CACHE_LIMIT) {
                byKeyHash.clear();
            }
            cached = new Cached(version, found.get());
            byKeyHash.put(hash, cached);
        }
        Account a = cached.account();
        return Optional.of(new Caller(a, a.operator()));
    }
}
