package io.mailbin.store;

import java.util.List;
import java.util.Optional;

/**
 * Accounts, their API keys (as hashes), private addresses and custom domains. Writes that would
 * break uniqueness fail with {@link DuplicateException} and change nothing.
 */
public interface AccountStore {

    void insertAccount(Account account, String keyHash);

    Optional<Account> account(String id);

    List<Account> accounts();

    Optional<Account> accountByKeyHash(String keyHash);

    /** Turns the spam filter off (or on again) for the account's mail; false if there is no such account. */
    boolean setDisableSpam(String account, boolean disable);

    /** Replaces every key of the account with this one. */
    void replaceKeys(String account, String keyHash);

    /**
     * Deletes the account with its keys, addresses and domains, and the mail it owns; public messages it
     * starred become public again. Returns false if there was no such account.
     */
    boolean deleteAccount(String id);

    List<ReservedAddress> addresses();

    /** Inserts all or none. */
    void insertAddresses(List<ReservedAddress> addresses);

    /** Returns false if the address is not reserved. */
    boolean updateAddress(ReservedAddress address);

    boolean deleteAddress(String address);

    List<CustomDomain> domains();

    void insertDomain(CustomDomain domain);

    boolean updateDomain(CustomDomain domain);

    boolean deleteDomain(String domain);

    /** Changes whenever addresses, domains or keys change, in any process sharing the store. */
    long directoryVersion();
}
