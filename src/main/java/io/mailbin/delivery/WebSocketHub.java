package io.mailbin.delivery;

import io.mailbin.account.Caller;
import io.mailbin.account.Directory;
import io.mailbin.api.json.MessagePayload;
import io.mailbin.ingest.HeaderField;
import io.mailbin.ingest.MailListener;
import io.mailbin.ingest.MessageContent;
import io.mailbin.ingest.NewMail;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.ForwardingTarget;
import io.mailbin.store.ReservedAddress;
import io.mailbin.store.StoredMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mailsac's web-socket stream: a key subscribes to addresses and domains it owns that have web-socket
 * forwarding on, and gets one frame per committed message per socket. Frames are handed to each
 * socket's own bounded queue on the ingest thread, before the 250; nothing here ever waits for a
 * socket, and a socket that falls behind is closed rather than allowed to slow anyone else.
 */
public final class WebSocketHub implements MailListener {

    /** One connected client, as the hub needs it. */
    public interface Socket {
        /** Queues a frame; false when the socket is too far behind (it is then closed). */
        boolean offer(String frame);
    }

    /** What a key may stream out of what it asked for. */
    public record Subscription(List<String> addresses, List<String> domains) {}

    private record Subscriber(Socket socket, String account) {}

    private final Directory directory;
    private final Map<String, Set<Subscriber>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byDomain = new ConcurrentHashMap<>();
    private final Map<Socket, Subscriber> subscribers = new ConcurrentHashMap<>();

    public WebSocketHub(Directory directory) {
        this.directory = directory;
    }

    /**
     * Subscribes the socket to what the caller owns and has web-socket forwarding on for; anything else
     * requested is left out of the returned subscription (and of the first frame).
     */
    public Subscription subscribe(Socket socket, Caller caller, List<String> requested) {
        Subscriber s = new Subscriber(socket, caller.id());
        List<String> addresses = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (String raw : requested) {
            String item = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (item.contains("@")) {
                Optional<ReservedAddress> a = directory.address(item);
                if (a.isPresent() && caller.actsFor(a.get().owner()) && a.get().enablews()) {
                    addresses.add(item);
                    byAddress.computeIfAbsent(item, k -> ConcurrentHashMap.newKeySet()).add(s);
                }
            } else {
                Optional<CustomDomain> d = directory.domain(item);
                if (d.isPresent() && caller.actsFor(d.get().owner()) && d.get().enablews()) {
                    domains.add(item);
                    byDomain.computeIfAbsent(item, k -> ConcurrentHashMap.newKeySet()).add(s);
                }
            }
        }
        subscribers.put(socket, s);
        return new Subscription(List.copyOf(addresses), List.copyOf(domains));
    }

    public void unsubscribe(Socket socket) {
        Subscriber s = subscribers.remove(socket);
        if (s != null) {
            byAddress.values().forEach(set -> set.remove(s));
            byDomain.values().forEach(set -> set.remove(s));
            byAddress.values().removeIf(Set::isEmpty);
            byDomain.values().removeIf(Set::isEmpty);
        }
    }

    public int connected() {
        return subscribers.size();
    }

    @Override
    public void committed(NewMail mail) {
        if (subscribers.isEmpty()) {
            return;
        }
        List<HeaderField> headers = null;
        MessageContent content = null;
        for (StoredMessage copy : mail.copies()) {
            Set<Subscriber> to = recipients(copy);
            if (to.isEmpty()) {
                continue;
            }
            if (headers == null) {
                content = new MessageContent(mail.raw());
                headers = content.headers();
            }
            String text = mail.parsed().text() != null ? mail.parsed().text() : content.text();
            String json = MessagePayload.json(new MessagePayload.Frame(200,
                    MessagePayload.of(copy, text, mail.parsed().html(), mail.raw(), headers)));
            for (Subscriber s : to) {
                if (!s.socket().offer(json)) {
                    unsubscribe(s.socket());
                }
            }
        }
    }

    /**
     * The sockets one copy goes to, each once: subscribers of every forwarding target with web-socket
     * forwarding on (a reserved address and its domain's catch-all alike), and the owner's subscribers
     * of the domain when the domain has web-socket forwarding on.
     */
    private Set<Subscriber> recipients(StoredMessage copy) {
        Set<Subscriber> to = new LinkedHashSet<>();
        for (ForwardingTarget t : copy.route().targets()) {
            if (t.websocket()) {
                to.addAll(byAddress.getOrDefault(t.address(), Set.of()));
            }
        }
        Set<Subscriber> domainSubs = byDomain.get(copy.domain());
        if (domainSubs != null && copy.owner() != null
                && directory.domain(copy.domain()).filter(CustomDomain::enablews).filter(d -> d.owner().equals(copy.owner())).isPresent()) {
            for (Subscriber s : domainSubs) {
                if (s.account() == null || s.account().equals(copy.owner())) {
                    to.add(s);
                }
            }
        }
        return to;
    }
}
