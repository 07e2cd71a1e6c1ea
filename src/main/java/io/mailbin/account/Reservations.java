package io.mailbin.account;

import static io.mailbin.account.AccountException.Reason.CONFLICT;
import static io.mailbin.account.AccountException.Reason.INVALID;
import static io.mailbin.account.AccountException.Reason.OWNED_BY_OTHER;
import static io.mailbin.account.AccountException.Reason.UNAUTHENTICATED;

import io.mailbin.mail.EmailAddress;
import io.mailbin.mail.InvalidAddressException;
import io.mailbin.store.AccountStore;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.DuplicateException;
import io.mailbin.store.MessageStore;
import io.mailbin.store.ReservedAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reserving, configuring and releasing private addresses, with the ownership rules of the spec:
 * your own address again is a 400, someone else's is a 401, an address inside another account's
 * domain is theirs, and {@code *@domain} (the catch-all) needs the domain.
 */
public final class Reservations {
    public static final int BULK_LIMIT = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccountStore store;
    private final MessageStore messages;
    private final Directory directory;

    public Reservations(AccountStore store, MessageStore messages, Directory directory) {
        this.store = store;
        this.messages = messages;
        this.directory = directory;
    }

    /** A normalised address that may be reserved: no {@code +tag}, and {@code *} only as a whole local part. */
    public static String reservable(String text) {
        EmailAddress a;
        try {
            a = EmailAddress.parse(text == null ? "" : text.trim());
        } catch (InvalidAddressException e) {
            throw new AccountException(INVALID, e.getMessage());
        }
        if (!a.inbox().equals(a.address())) {
            throw new AccountException(INVALID, "'" + a.address() + "' has a +tag: mail to it files into "
                    + a.inbox() + ", reserve that instead");
        }
        if (a.local().contains("*") && !a.local().equals("*")) {
            throw new AccountException(INVALID, "'*' may only stand alone, as in *@" + a.domain() + " (the catch-all)");
        }
        return a.address();
    }

    public ReservedAddress reserve(Caller caller, String address, AddressChange settings) {
        return reserveAll(caller, List.of(address), settings).getFirst();
    }

    /** Reserves all the addresses or, if any cannot be reserved, none. */
    public List<ReservedAddress> reserveAll(Caller caller, List<String> addresses, AddressChange settings) {
        String owner = requireAccount(caller);
        if (addresses.isEmpty()) {
            throw new AccountException(INVALID, "no addresses given");
        }
        if (addresses.size() > BULK_LIMIT) {
            throw new AccountException(INVALID, "at most " + BULK_LIMIT + " addresses per request, got " + addresses.size());
        }
        Set<String> normalised = new LinkedHashSet<>();
        for (String text : addresses) {
            normalised.add(reservable(text));
        }
        Instant now = Instant.now();
        List<ReservedAddress> created = new ArrayList<>();
        for (String address : normalised) {
            checkReservable(caller, owner, address);
            ReservedAddress blank = new ReservedAddress(address, owner, null, null, false, null, null, false,
                    encryptedInbox(address), now, now);
            created.add(apply(blank, settings, now));
        }
        try {
            store.insertAddresses(created);
        } catch (DuplicateException e) {
            // another request reserved one of them since the check: answer as if it had come first
            // (400 when it was this account's own, 401 when another account's)
            directory.refresh();
            for (ReservedAddress a : created) {
                checkReservable(caller, owner, a.address());
            }
            throw new AccountException(CONFLICT, e.getMessage());
        }
        directory.refresh();
        for (ReservedAddress a : created) {
            messages.claim(a.address(), owner); // mail already there becomes the account's, as at Mailsac
        }
        return created;
    }

    private void checkReservable(Caller caller, String owner, String address) {
        Optional<ReservedAddress> existing = directory.address(address);
        if (existing.isPresent()) {
            if (existing.get().owner().equals(owner)) {
                throw new AccountException(CONFLICT, address + " is already reserved by your account");
            }
            throw new AccountException(OWNED_BY_OTHER, address + " is owned by another account");
        }
        String domain = address.substring(address.lastIndexOf('@') + 1);
        Optional<CustomDomain> custom = directory.domain(domain);
        if (custom.isPresent() && !custom.get().owner().equals(owner)) {
            throw new AccountException(OWNED_BY_OTHER, address + " is in " + domain + ", a domain owned by another account");
        }
        if (address.startsWith("*@") && custom.isEmpty()) {
            throw new AccountException(INVALID, "a catch-all needs its domain: add " + domain + " as a custom domain of "
                    + (caller.operator() ? "the account" : "your account") + " first");
        }
    }

    public ReservedAddress update(Caller caller, String address, AddressChange change) {
        ReservedAddress current = owned(caller, reservable(address));
        Instant now = Instant.now();
        ReservedAddress updated = apply(current, change, now);
        store.updateAddress(updated);
        directory.refresh();
        return updated;
    }

    /** Releases the address; its mail stays private to the account unless {@code deleteMessages}. */
    public ReservedAddress release(Caller caller, String address, boolean deleteMessages) {
        ReservedAddress current = owned(caller, reservable(address));
        store.deleteAddress(current.address());
        if (deleteMessages) {
            messages.deleteOwned(current.address(), current.owner());
        }
        directory.refresh();
        return current;
    }

    /** The caller's reservation of an address; 400 when it is not reserved, 401 when it is someone else's. */
    public ReservedAddress owned(Caller caller, String address) {
        if (caller.anonymous()) {
            throw new AccountException(UNAUTHENTICATED, "an API key is required");
        }
        ReservedAddress a = directory.address(address).orElseThrow(() ->
                new AccountException(CONFLICT, address + " is not reserved (reserve it with POST /api/addresses/" + address + ")"));
        if (!caller.actsFor(a.owner())) {
            throw new AccountException(OWNED_BY_OTHER, address + " is owned by another account");
        }
        return a;
    }

    private static String requireAccount(Caller caller) {
        if (caller.account() == null) {
            throw new AccountException(caller.operator() ? INVALID : UNAUTHENTICATED, caller.operator()
                    ? "the operator key manages accounts but owns nothing: reserve addresses with the account's own key"
                    : "an API key is required");
        }
        return caller.account().id();
    }

    private static ReservedAddress apply(ReservedAddress a, AddressChange c, Instant now) {
        String info = c.info().apply(a.info());
        String forward = c.forward().apply(a.forward());
        String webhook = c.webhook().apply(a.webhook());
        String slack = c.webhookSlack().apply(a.webhookSlack());
        Boolean ws = c.enablews().apply(a.enablews());
        Boolean toFrom = c.webhookSlackToFrom().apply(a.webhookSlackToFrom());
        if (info != null && info.length() > 1024) {
            throw new AccountException(INVALID, "info is limited to 1024 characters");
        }
        if (forward != null) {
            forward = forwardTarget(forward, a);
        }
        checkUrl("webhook", webhook);
        checkUrl("webhookSlack", slack);
        return new ReservedAddress(a.address(), a.owner(), info, forward, ws != null && ws, webhook, slack,
                toFrom != null && toFrom, a.encryptedInbox(), a.created(), now);
    }

    /**
     * Where mail may be forwarded: any mailbox, {@code +tag} included ({@code me+ci@gmail.com} is a common
     * target; only reservations refuse tags), but never a wildcard, and never back into this address (its own
     * {@code +tag}s and its hidden alias included), which would loop.
     */
    private static String forwardTarget(String text, ReservedAddress a) {
        EmailAddress target;
        try {
            target = EmailAddress.parse(text);
        } catch (InvalidAddressException e) {
            throw new AccountException(INVALID, "forward: " + e.getMessage());
        }
        if (target.local().contains("*")) {
            throw new AccountException(INVALID, "forward must be a mailbox, not a pattern: '" + target.address() + "'");
        }
        if (target.inbox().equals(a.address()) || target.inbox().equals(a.encryptedInbox())) {
            throw new AccountException(INVALID, "forward must not point at " + a.address() + " itself");
        }
        return target.address();
    }

    private static void checkUrl(String field, String url) {
        if (url == null) {
            return;
        }
        try {
            URI u = new URI(url);
            boolean http = "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
            if (!http || u.getHost() == null || url.length() > 2048) {
                throw new AccountException(INVALID, field + " must be an http(s) URL, got '" + url + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new AccountException(INVALID, field + " must be an http(s) URL: " + e.getMessage());
        }
    }

    /** A hidden alias that delivers to the address: {@code inbox-<40 hex digits>@<its domain>}. */
    private static String encryptedInbox(String address) {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return "inbox-" + HexFormat.of().formatHex(bytes) + "@" + address.substring(address.lastIndexOf('@') + 1);
    }
}
