package io.mailbin.account;

import io.mailbin.store.AccountStore;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.ReservedAddress;
import io.mailbin.store.StoreUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every reserved address and custom domain (and which accounts turned the spam filter off), held in memory for routing (consulted for every recipient)
 * and authorisation. Reads see an immutable snapshot without locking. The snapshot is rebuilt after
 * this process changes something, and when the store's directory version shows that another process
 * (the CLI, another node) did; that is polled every {@code pollInterval}.
 */
public final class Directory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Directory.class);

    private record Snapshot(long version, Map<String, ReservedAddress> addresses, Map<String, ReservedAddress> byAlias,
                            Map<String, CustomDomain> domains, java.util.Set<String> spamOff) {}

    private final AccountStore store;
    private final ScheduledExecutorService poller;
    private volatile Snapshot snapshot;

    public Directory(AccountStore store, Duration pollInterval) {
        this.store = store;
        this.snapshot = load();
        this.poller = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("directory-poll").daemon(true).unstarted(r));
        long every = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::refreshIfChanged, every, every, TimeUnit.MILLISECONDS);
    }

    private Snapshot load() {
        long version = store.directoryVersion();
        Map<String, ReservedAddress> addresses = new HashMap<>();
        Map<String, ReservedAddress> byAlias = new HashMap<>();
        for (ReservedAddress a : store.addresses()) {
            addresses.put(a.address(), a);
            byAlias.put(a.encryptedInbox(), a);
        }
        Map<String, CustomDomain> domains = new HashMap<>();
        for (CustomDomain d : store.domains()) {
            domains.put(d.domain(), d);
        }
        java.util.Set<String> spamOff = store.accounts().stream().filter(io.mailbin.store.Account::disableSpam)
                .map(io.mailbin.store.Account::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new Snapshot(version, Map.copyOf(addresses), Map.copyOf(byAlias), Map.copyOf(domains), spamOff);
    }

    /** Rebuilds the snapshot now; called after every change this process makes. */
    public void refresh() {
        snapshot = load();
    }

    private void refreshIfChanged() {
        try {
            if (store.directoryVersion() != snapshot.version()) {
                refresh();
            }
        } catch (StoreUnavailableException e) {
            log.debug("directory poll skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("directory poll failed", e);
        }
    }

    /** Changes whenever addresses, domains or keys change; cached key lookups are valid for one version. */
    public long version() {
        return snapshot.version();
    }

    /** Whether the account turned the spam filter off for its mail. */
    public boolean spamFilterOff(String account) {
        return account != null && snapshot.spamOff().contains(account);
    }

    public Optional<ReservedAddress> address(String address) {
        return Optional.ofNullable(snapshot.addresses().get(address));
    }

    public Optional<ReservedAddress> byEncryptedInbox(String alias) {
        return Optional.ofNullable(snapshot.byAlias().get(alias));
    }

    public Optional<CustomDomain> domain(String domain) {
        return Optional.ofNullable(snapshot.domains().get(domain));
    }

    public Optional<ReservedAddress> catchAll(String domain) {
        return address("*@" + domain);
    }

    /** The account an address belongs to: its reservation's owner, else its custom domain's owner. */
    public Optional<String> ownerOf(String address) {
        return address(address).map(ReservedAddress::owner)
                .or(() -> domain(address.substring(address.lastIndexOf('@') + 1)).map(CustomDomain::owner));
    }

    public List<ReservedAddress> addressesOf(String owner) {
        return snapshot.addresses().values().stream().filter(a -> a.owner().equals(owner))
                .sorted(java.util.Comparator.comparing(ReservedAddress::address)).toList();
    }

    public List<CustomDomain> domainsOf(String owner) {
        return snapshot.domains().values().stream().filter(d -> d.owner().equals(owner))
                .sorted(java.util.Comparator.comparing(CustomDomain::domain)).toList();
    }

    public List<ReservedAddress> allAddresses() {
        return snapshot.addresses().values().stream().sorted(java.util.Comparator.comparing(ReservedAddress::address)).toList();
    }

    public List<CustomDomain> allDomains() {
        return snapshot.domains().values().stream().sorted(java.util.Comparator.comparing(CustomDomain::domain)).toList();
    }

    /** Addresses reserved under a domain (its catch-all included). */
    public List<ReservedAddress> addressesIn(String domain) {
        return snapshot.addresses().values().stream().filter(a -> a.domain().equals(domain)).toList();
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
