package io.mailbin.account;

import static io.mailbin.account.AccountException.Reason.CONFLICT;
import static io.mailbin.account.AccountException.Reason.INVALID;
import static io.mailbin.account.AccountException.Reason.NOT_FOUND;
import static io.mailbin.account.AccountException.Reason.OWNED_BY_OTHER;
import static io.mailbin.account.AccountException.Reason.UNAUTHENTICATED;

import io.mailbin.mail.EmailAddress;
import io.mailbin.mail.InvalidAddressException;
import io.mailbin.store.AccountStore;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.DuplicateException;
import io.mailbin.store.MessageStore;
import io.mailbin.store.ReservedAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Custom domains: every address under one belongs to its owner. */
public final class Domains {
    private final AccountStore store;
    private final MessageStore messages;
    private final Directory directory;
    private final Set<String> publicDomains;

    /** @param publicDomains this server's own public domains ({@code --public-domains}), which no account may own */
    public Domains(AccountStore store, MessageStore messages, Directory directory, List<String> publicDomains) {
        this.store = store;
        this.messages = messages;
        this.directory = directory;
        this.publicDomains = publicDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** A normalised domain name, or 400 saying what is wrong with it. */
    public static String valid(String text) {
        String d = text == null ? "" : text.trim();
        if (d.contains("@") || d.contains("*")) {
            throw new AccountException(INVALID, "'" + d + "' is not a domain name");
        }
        try {
            return EmailAddress.parse("x@" + d).domain();
        } catch (InvalidAddressException e) {
            throw new AccountException(INVALID, "'" + d + "' is not a valid domain: "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    /**
     * Adds a domain for {@code owner}. An account adds domains for itself; the operator for anyone.
     */
    public CustomDomain add(Caller caller, String domain, String owner, boolean enablews, boolean isPrivate) {
        String name = valid(domain);
        if (caller.anonymous()) {
            throw new AccountException(UNAUTHENTICATED, "an API key is required");
        }
        // Owning a domain makes every address in it private to the owner: on one of our public domains, that
        // would take every public inbox of the server away from everyone else.
        if (publicDomains.contains(name)) {
            throw new AccountException(INVALID, name + " is one of this server's public domains (--public-domains):"
                    + " its inboxes are everyone's; reserve single addresses in it instead");
        }
        String target = owner == null || owner.isBlank() ? caller.id() : owner.trim();
        if (target == null) {
            throw new AccountException(INVALID, "the operator key must say which account owns the domain (owner)");
        }
        if (!caller.actsFor(target)) {
            throw new AccountException(OWNED_BY_OTHER, "only the operator may add a domain for another account");
        }
        if (store.account(target).isEmpty()) {
            throw new AccountException(NOT_FOUND, "no account named '" + target + "'");
        }
        directory.domain(name).ifPresent(existing -> {
            throw existing.owner().equals(target)
                    ? new AccountException(CONFLICT, name + " is already a domain of " + target)
                    : new AccountException(OWNED_BY_OTHER, name + " is owned by another account");
        });
        for (ReservedAddress a : directory.addressesIn(name)) {
            if (!a.owner().equals(target)) {
                throw new AccountException(OWNED_BY_OTHER, "addresses under " + name + " are reserved by another account");
            }
        }
        Instant now = Instant.now();
        CustomDomain d = new CustomDomain(name, target, enablews, isPrivate, now, now);
        try {
            store.insertDomain(d);
        } catch (DuplicateException e) {
            // another request added it since the check: answer as if it had come first
            directory.refresh();
            throw directory.domain(name).filter(existing -> !existing.owner().equals(target))
                    .map(existing -> new AccountException(OWNED_BY_OTHER, name + " is owned by another account"))
                    .orElseGet(() -> new AccountException(CONFLICT, e.getMessage()));
        }
        directory.refresh();
        return d;
    }

    public CustomDomain update(Caller caller, String domain, Boolean enablews, Boolean isPrivate) {
        CustomDomain d = owned(caller, domain);
        CustomDomain updated = new CustomDomain(d.domain(), d.owner(), enablews == null ? d.enablews() : enablews,
                isPrivate == null ? d.isPrivate() : isPrivate, d.created(), Instant.now());
        store.updateDomain(updated);
        directory.refresh();
        return updated;
    }

    /** Removes the domain and its catch-all; the owner's mail stays private unless {@code deleteMessages}. */
    public CustomDomain remove(Caller caller, String domain, boolean deleteMessages) {
        CustomDomain d = owned(caller, domain);
        store.deleteAddress("*@" + d.domain());
        store.deleteDomain(d.domain());
        if (deleteMessages) {
            messages.deleteDomain(d.domain(), d.owner());
        }
        directory.refresh();
        return d;
    }

    /** The caller's domain; 404 when there is no such domain, 401/403 when it is someone else's. */
    public CustomDomain owned(Caller caller, String domain) {
        if (caller.anonymous()) {
            throw new AccountException(UNAUTHENTICATED, "an API key is required");
        }
        String name = valid(domain);
        CustomDomain d = directory.domain(name).orElseThrow(() ->
                new AccountException(NOT_FOUND, name + " is not a custom domain of this server"));
        if (!caller.actsFor(d.owner())) {
            throw new AccountException(OWNED_BY_OTHER, name + " is owned by another account");
        }
        return d;
    }
}
