package io.mailbin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.ingest.NewMail;
import io.mailbin.mail.MessageSummary;
import io.mailbin.store.Flags;
import io.mailbin.store.Route;
import io.mailbin.store.StoredMessage;
import io.mailbin.store.Viewer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hub between ingest and live streams: matching as the listing matches, bounded, never waiting. */
class LiveInboxesTest {
    final LiveInboxes hub = new LiveInboxes(3);

    @Test
    void aCopyReachesSubscribersOfItsInboxAndOfTheAddressItWasSentTo() throws Exception {
        Subscription inbox = hub.subscribe("a@x.test", Viewer.ANONYMOUS);
        Subscription tagged = hub.subscribe("a+tag@x.test", Viewer.ANONYMOUS);
        Subscription other = hub.subscribe("b@x.test", Viewer.ANONYMOUS);
        hub.committed(mail(publicCopy("m1", "a@x.test", "a+tag@x.test")));
        assertThat(inbox.next(Duration.ZERO).id()).isEqualTo("m1");
        assertThat(tagged.next(Duration.ZERO).id()).isEqualTo("m1");
        assertThat(other.next(Duration.ZERO)).isNull();
    }

    @Test
    void privateMailReachesOnlyViewersWhoMayReadIt() throws Exception {
        Subscription anonymous = hub.subscribe("p@x.test", Viewer.ANONYMOUS);
        Subscription bob = hub.subscribe("p@x.test", new Viewer("bob", false));
        Subscription alice = hub.subscribe("p@x.test", new Viewer("alice", false));
        Subscription operator = hub.subscribe("p@x.test", new Viewer(null, true));
        StoredMessage m = new StoredMessage("m2", new Route("reserved", "p@x.test", "p@x.test", "x.test", "alice", true, List.of()),
                Instant.now(), 10, summary(), null, new Flags("inbox", List.of(), false, null));
        hub.committed(mail(m));
        assertThat(anonymous.next(Duration.ZERO)).isNull();
        assertThat(bob.next(Duration.ZERO)).isNull();
        assertThat(alice.next(Duration.ZERO).id()).isEqualTo("m2");
        assertThat(operator.next(Duration.ZERO).id()).isEqualTo("m2");
    }

    @Test
    void aSubscriberThatFallsBehindIsDroppedWithoutSlowingIngest() throws Exception {
        Subscription slow = hub.subscribe("busy@x.test", Viewer.ANONYMOUS);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            hub.committed(mail(publicCopy("m" + i, "busy@x.test", "busy@x.test")));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(slow.ended()).isEqualTo(Subscription.End.OVERFLOW);
        assertThat(slow.next(Duration.ZERO)).as("an overflowed queue is emptied").isNull();
        assertThat(hub.watching()).isZero();
    }

    @Test
    void closingWakesEveryWaitingStream() throws Exception {
        Subscription s = hub.subscribe("a@x.test", Viewer.ANONYMOUS);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hub.closeAll();
        });
        long start = System.nanoTime();
        assertThat(s.next(Duration.ofSeconds(30))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(s.ended()).isEqualTo(Subscription.End.CLOSED);
    }

    private static NewMail mail(StoredMessage m) {
        return new NewMail(List.of(m), new byte[0], null);
    }

    private static StoredMessage publicCopy(String id, String inbox, String original) {
        return new StoredMessage(id, Route.publicInbox(inbox, original, "x.test"), Instant.now(), 10, summary(), null,
                new Flags("inbox", List.of(), false, null));
    }

    private static MessageSummary summary() {
        return new MessageSummary("s", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), "127.0.0.1", null, false, null);
    }
}
