package io.mailbin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.mail.Mailbox;
import io.mailbin.mail.MessageSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The store's side of privacy and of what readers change: visibility per viewer, flags, the account's
 * own views. Mixed into each store's test class next to {@link MessageStoreContract}.
 */
public interface PrivateMessagesContract {
    AtomicInteger IDS = new AtomicInteger();

    /** The store under test, already open. */
    Store backend();

    Viewer ALICE = new Viewer("alice", false);
    Viewer BOB = new Viewer("bob", false);
    Viewer OPERATOR = new Viewer(null, true);

    private StoredMessage save(Route route, String subject, String from, String to) {
        MessageSummary summary = new MessageSummary(subject, List.of(new Mailbox(from, "Sender Name")),
                List.of(new Mailbox(to, "")), List.of(), List.of(), List.of(), List.of(), "192.0.2.1", "127.0.0.1", false, null);
        NewMessage m = new NewMessage("p" + IDS.incrementAndGet() + "-0", route, summary, 0.2, "inbox");
        return backend().messages().save(new IncomingMail(("Subject: " + subject + "\r\n\r\nx\r\n").getBytes(StandardCharsets.UTF_8),
                List.of(m))).getFirst();
    }

    private static Route privateRoute(String inbox, String owner, ForwardingTarget... targets) {
        return new Route("reserved", inbox, inbox, inbox.substring(inbox.indexOf('@') + 1), owner, true, List.of(targets));
    }

    private static Route publicRoute(String inbox) {
        return Route.publicInbox(inbox, inbox, inbox.substring(inbox.indexOf('@') + 1));
    }

    @Test
    default void privateMailIsListedAndCountedOnlyForItsOwner() {
        StoredMessage mine = save(privateRoute("secret@p.test", "alice"), "mine", "a@x.test", "secret@p.test");
        MessageStore s = backend().messages();
        InboxQuery q = new InboxQuery("secret@p.test", null, null, 10, ALICE);
        assertThat(s.list(q)).containsExactly(mine);
        assertThat(s.list(new InboxQuery("secret@p.test", null, null, 10, BOB))).isEmpty();
        assertThat(s.list(new InboxQuery("secret@p.test", null, null, 10, Viewer.ANONYMOUS))).isEmpty();
        assertThat(s.list(new InboxQuery("secret@p.test", null, null, 10, OPERATOR))).containsExactly(mine);
        assertThat(s.count("secret@p.test", ALICE)).isEqualTo(1);
        assertThat(s.count("secret@p.test", BOB)).isZero();
        assertThat(s.deleteAll("secret@p.test", BOB)).isZero();
        assertThat(s.find(mine.id())).isPresent();
    }

    @Test
    default void theRouteIsKeptWithTheMessage() {
        ForwardingTarget own = new ForwardingTarget("private@c.test", null, "https://hooks.test/own", null, false, true);
        ForwardingTarget catchAll = new ForwardingTarget("*@c.test", "copy@elsewhere.test", null, null, false, false);
        StoredMessage m = save(privateRoute("private@c.test", "alice", own, catchAll), "routed", "a@x.test", "private@c.test");
        StoredMessage found = backend().messages().find(m.id()).orElseThrow();
        assertThat(found.route()).isEqualTo(m.route());
        assertThat(found.route().targets()).containsExactly(own, catchAll);
        assertThat(found.owner()).isEqualTo("alice");
        assertThat(found.isPrivate()).isTrue();
    }

    @Test
    default void starringAPublicMessageMakesItTheStarrersAndUnstarringGivesItBack() {
        MessageStore s = backend().messages();
        StoredMessage m = save(publicRoute("open@p.test"), "starred", "a@x.test", "open@p.test");
        StoredMessage starred = s.update(m.id(), f -> f.withSavedBy("bob")).orElseThrow();
        assertThat(starred.savedBy()).isEqualTo("bob");
        assertThat(s.list(new InboxQuery("open@p.test", null, null, 10, Viewer.ANONYMOUS))).isEmpty();
        assertThat(s.list(new InboxQuery("open@p.test", null, null, 10, BOB))).extracting(StoredMessage::id).containsExactly(m.id());
        assertThat(s.accountMessages(AccountQuery.starred("bob", 10))).extracting(StoredMessage::id).containsExactly(m.id());
        assertThat(s.deleteAll("open@p.test", BOB)).isZero(); // starred mail stays
        s.update(m.id(), f -> f.withSavedBy(null));
        assertThat(s.list(new InboxQuery("open@p.test", null, null, 10, Viewer.ANONYMOUS))).hasSize(1);
    }

    @Test
    default void flagsChangeAtomicallyAndPersist() {
        MessageStore s = backend().messages();
        StoredMessage m = save(privateRoute("flags@p.test", "alice"), "flags", "a@x.test", "flags@p.test");
        s.update(m.id(), f -> f.withLabels(List.of("work", "urgent")).withFolder("trash").withRead(true));
        StoredMessage found = s.find(m.id()).orElseThrow();
        assertThat(found.labels()).containsExactly("work", "urgent");
        assertThat(found.folder()).isEqualTo("trash");
        assertThat(found.read()).isTrue();
        assertThat(s.update("no-such-id", f -> f.withRead(true))).isEmpty();
    }

    @Test
    default void theAccountSeesEverythingItOwnsOrStarredAndCanFilterAndSearch() {
        MessageStore s = backend().messages();
        StoredMessage invoice = save(privateRoute("acct1@q.test", "carol"), "Your invoice", "billing@shop.test", "acct1@q.test");
        StoredMessage welcome = save(privateRoute("acct2@q.test", "carol"), "Welcome aboard", "hello@shop.test", "acct2@q.test");
        StoredMessage other = save(privateRoute("acct3@q.test", "dave"), "Your invoice", "billing@shop.test", "acct3@q.test");
        StoredMessage publicOne = save(publicRoute("pub@q.test"), "public invoice", "billing@shop.test", "pub@q.test");
        s.update(publicOne.id(), f -> f.withSavedBy("carol"));
        s.update(welcome.id(), f -> f.withRead(true));

        assertThat(s.accountMessages(AccountQuery.page("carol", null, 0, 10))).extracting(StoredMessage::id)
                .containsExactly(publicOne.id(), welcome.id(), invoice.id());
        assertThat(s.accountMessages(AccountQuery.page("carol", null, 1, 1))).extracting(StoredMessage::id)
                .containsExactly(welcome.id());
        assertThat(s.unread("carol")).isEqualTo(2);
        AccountQuery filter = new AccountQuery("carol", null, 0, 100, "invoice", "BILLING@shop", null, false, false, false);
        assertThat(s.accountMessages(filter)).extracting(StoredMessage::id).containsExactly(publicOne.id(), invoice.id());
        AccountQuery search = new AccountQuery("carol", null, 0, 100, "welcome", "welcome", "welcome", null, true, false);
        assertThat(s.accountMessages(search)).extracting(StoredMessage::id).containsExactly(welcome.id());
        AccountQuery byTo = new AccountQuery("carol", null, 0, 100, null, null, "acct1@q.test", null, false, false);
        assertThat(s.accountMessages(byTo)).extracting(StoredMessage::id).containsExactly(invoice.id());
        assertThat(other.owner()).isEqualTo("dave");
    }

    @Test
    default void domainMailIsTheOwnersOnly() {
        MessageStore s = backend().messages();
        StoredMessage owned = save(new Route("domain", "x@own.test", "x@own.test", "own.test", "erin", true, List.of()),
                "domain mail", "a@x.test", "x@own.test");
        save(publicRoute("y@own.test"), "before the domain was added", "a@x.test", "y@own.test");
        assertThat(s.domainMessages("own.test", "erin", null, 10)).containsExactly(owned);
        assertThat(s.countDomain("own.test", "erin")).isEqualTo(1);
        assertThat(s.domainMessages("own.test", "erin", Instant.EPOCH, 10)).isEmpty();
        assertThat(s.deleteDomain("own.test", "erin")).isEqualTo(1);
        assertThat(s.countDomain("own.test", "erin")).isZero();
    }

    @Test
    default void releasingWithItsMailDeletesOnlyTheOwnersMailOfThatInbox() {
        MessageStore s = backend().messages();
        StoredMessage mine = save(privateRoute("rel@r.test", "frank"), "mine", "a@x.test", "rel@r.test");
        StoredMessage earlierPublic = save(publicRoute("rel2@r.test"), "public", "a@x.test", "rel2@r.test");
        assertThat(s.deleteOwned("rel@r.test", "frank")).isEqualTo(1);
        assertThat(s.find(mine.id())).isEmpty();
        assertThat(s.find(earlierPublic.id())).isPresent();
    }

    @Test
    default void statsCountTheAccountsMail() {
        MessageStore s = backend().messages();
        StoredMessage a = save(privateRoute("st@s.test", "gina"), "one", "a@x.test", "st@s.test");
        save(privateRoute("st@s.test", "gina"), "two", "a@x.test", "st@s.test");
        StoredMessage pub = save(publicRoute("pubst@s.test"), "three", "a@x.test", "pubst@s.test");
        s.update(pub.id(), f -> f.withSavedBy("gina"));
        AccountStats stats = s.stats("gina");
        assertThat(stats.storedMessages()).isEqualTo(2);
        assertThat(stats.starredMessages()).isEqualTo(1);
        assertThat(stats.inboxBytes()).isEqualTo(2L * a.size());
    }
}
