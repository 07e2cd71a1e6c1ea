package io.mailbin.api;

import io.mailbin.account.Caller;
import io.mailbin.account.Directory;
import io.mailbin.mail.EmailAddress;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.StoredMessage;
import java.util.Optional;

/**
 * Who may read what. A message is judged by how it was routed when it arrived (its owner, whether it
 * is private, who starred it), never by the address in the URL; an inbox listing is judged by who owns
 * the address now. A caller without a key gets 401; a caller with another account's key gets the
 * status the spec lists for that endpoint ({@code wrongKey}: 401, or 403 for listings and counts).
 */
final class Access {
    static final int WRONG_KEY_DEFAULT = 401;
    static final int WRONG_KEY_LISTING = 403;

    private final Directory directory;
    private final boolean publicInboxes;

    /** @param publicInboxes false: reading public inboxes also needs a key (any account's) */
    Access(Directory directory, boolean publicInboxes) {
        this.directory = directory;
        this.publicInboxes = publicInboxes;
    }

    void checkMessage(Caller caller, StoredMessage m, int wrongKey) {
        if (caller.viewer().canRead(m)) {
            if (!publicInboxes && caller.anonymous()) {
                throw new ApiException(401, "This server's inboxes need an API key");
            }
            return;
        }
        deny(caller, wrongKey, "This message is private");
    }

    /** For listing, counting or clearing an inbox: private addresses need their owner's key. */
    void checkInbox(Caller caller, EmailAddress address, int wrongKey) {
        Optional<String> owner = privateOwner(address);
        if (owner.isPresent() && !caller.actsFor(owner.get())) {
            deny(caller, wrongKey, "Inbox " + address.address() + " is private");
        }
        if (!publicInboxes && caller.anonymous()) {
            throw new ApiException(401, "This server's inboxes need an API key");
        }
    }

    /** The account whose private inbox {@code address} is now, if it is one. */
    Optional<String> privateOwner(EmailAddress address) {
        String inbox = address.inbox();
        var reserved = directory.address(inbox).or(() -> directory.byEncryptedInbox(inbox));
        if (reserved.isPresent()) {
            return Optional.of(reserved.get().owner());
        }
        return directory.domain(address.domain()).filter(CustomDomain::isPrivate).map(CustomDomain::owner);
    }

    private static void deny(Caller caller, int wrongKey, String what) {
        if (caller.anonymous()) {
            throw new ApiException(401, what + ": send its owner's API key (Mailsac-Key header)");
        }
        throw new ApiException(wrongKey, what + " and owned by another account");
    }
}
