package io.mailbin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} must do; mixed into each store's test class. */
public interface AccountStoreContract {
    Store backend();

    private AccountStore accounts() {
        return backend().accounts();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ReservedAddress address(String address, String owner) {
        return new ReservedAddress(address, owner, "info", null, true, "https://hooks.test/" + owner, null, false,
                "inbox-" + Math.abs(address.hashCode()) + "@" + address.substring(address.indexOf('@') + 1), now(), now());
    }

    @Test
    default void accountsAreFoundByIdAndByKeyHash() {
        Account a = new Account("hank", now(), false, 500);
        accounts().insertAccount(a, "hash-hank");
        assertThat(accounts().account("hank")).contains(a);
        assertThat(accounts().accountByKeyHash("hash-hank")).contains(a);
        assertThat(accounts().accountByKeyHash("nope")).isEmpty();
        assertThatThrownBy(() -> accounts().insertAccount(a, "other-hash")).isInstanceOf(DuplicateException.class);
        accounts().replaceKeys("hank", "hash-hank-2");
        assertThat(accounts().accountByKeyHash("hash-hank")).isEmpty();
        assertThat(accounts().accountByKeyHash("hash-hank-2")).contains(a);
        assertThat(accounts().accounts()).contains(a);
    }

    @Test
    default void addressesAreReservedAllOrNothing() {
        accounts().insertAccount(new Account("ivy", now(), false, 100), "hash-ivy");
        ReservedAddress one = address("one@ivy.test", "ivy");
        accounts().insertAddresses(List.of(one));
        long before = accounts().directoryVersion();
        assertThatThrownBy(() -> accounts().insertAddresses(List.of(address("two@ivy.test", "ivy"), address("one@ivy.test", "ivy"))))
                .isInstanceOf(DuplicateException.class);
        assertThat(accounts().addresses()).extracting(ReservedAddress::address).contains("one@ivy.test").doesNotContain("two@ivy.test");
        assertThat(accounts().directoryVersion()).isEqualTo(before);
        ReservedAddress changed = new ReservedAddress("one@ivy.test", "ivy", null, "fwd@x.test", false, null, null, true,
                one.encryptedInbox(), one.created(), now());
        assertThat(accounts().updateAddress(changed)).isTrue();
        assertThat(accounts().addresses()).filteredOn(r -> r.address().equals("one@ivy.test")).containsExactly(changed);
        assertThat(accounts().directoryVersion()).isGreaterThan(before);
        assertThat(accounts().deleteAddress("one@ivy.test")).isTrue();
        assertThat(accounts().deleteAddress("one@ivy.test")).isFalse();
    }

    @Test
    default void domainsAreUniqueAndChangeable() {
        accounts().insertAccount(new Account("jade", now(), false, 100), "hash-jade");
        CustomDomain d = new CustomDomain("jade.test", "jade", false, true, now(), now());
        accounts().insertDomain(d);
        assertThatThrownBy(() -> accounts().insertDomain(d)).isInstanceOf(DuplicateException.class);
        CustomDomain open = new CustomDomain("jade.test", "jade", true, false, d.created(), now());
        assertThat(accounts().updateDomain(open)).isTrue();
        assertThat(accounts().domains()).contains(open);
        assertThat(accounts().deleteDomain("jade.test")).isTrue();
        assertThat(accounts().domains()).doesNotContain(open);
    }

    @Test
    default void deletingAnAccountTakesItsKeysAddressesDomainsAndPrivateMail() {
        accounts().insertAccount(new Account("kim", now(), false, 100), "hash-kim");
        accounts().insertAddresses(List.of(address("kim@kim.test", "kim")));
        accounts().insertDomain(new CustomDomain("kim.test", "kim", false, true, now(), now()));
        assertThat(accounts().deleteAccount("kim")).isTrue();
        assertThat(accounts().account("kim")).isEmpty();
        assertThat(accounts().accountByKeyHash("hash-kim")).isEmpty();
        assertThat(accounts().addresses()).noneMatch(a -> a.owner().equals("kim"));
        assertThat(accounts().domains()).noneMatch(d -> d.owner().equals("kim"));
        assertThat(accounts().deleteAccount("kim")).isFalse();
    }
}
