package io.mailbin.delivery;

import io.mailbin.account.Caller;
import io.mailbin.account.Directory;
import io.mailbin.api.json.MessagePayload;
import io.mailbin.ingest.MailListener;
import io.mailbin.ingest.MessageContent;
import io.mailbin.ingest.NewMail;
import io.mailbin.ingest.ParsedMessage;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.ForwardingTarget;
import io.mailbin.store.ReservedAddress;
import io.mailbin.store.StoredMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailsac's web-socket stream: a key subscribes to addresses and domains it owns that have web-socket
 * forwarding on, and gets one frame per committed message per socket.
 *
 * <p>From the store commit, before the 250, each committed copy is queued with the sockets it is for
 * ({@link #committed}); the copies of one group commit are queued together, before any of their senders
 * is answered. The frames themselves (about three times the message each, as JSON) are built after the
 * 250, by the first sender thread to get there ({@link #afterReply}): it takes every copy queued so
 * far, builds each frame once, and gives each socket its frames in one write. So the 250 never waits
 * for a frame, no thread is woken to build one, and a frame follows its 250 within microseconds. A
 * backstop thread sends what a sender left behind (one that hung up before its answer), and the frames
 * of messages over {@link #INLINE_RAW}: a sender may be an SMTP event loop that serves other sessions,
 * and the frame of a message of megabytes (its raw source, text and HTML as JSON) takes milliseconds
 * to build. Nothing here ever waits for a socket: a socket that falls behind is closed rather than
 * allowed to slow anyone else.
 */
public final class WebSocketHub implements MailListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketHub.class);
    private static final int MAX_BATCH = 256;
    private static final int MAX_PENDING = 4096;
    private static final long BACKSTOP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Raw size above which a sender leaves a message's frame to the backstop thread. */
    static final int INLINE_RAW = 256 * 1024;

    /** One connected client, as the hub needs it. */
    public interface Socket {
        /**
         * Queues a text frame, given as its UTF-8 bytes, which the socket must not change: one frame's
         * bytes go to every socket it is for. With {@code more}, another frame follows at once and this
         * one may wait to be written together with it. False when the socket is too far behind (it is
         * then closed).
         */
        boolean offer(byte[] utf8, boolean more);
    }

    /** A committed copy and the sockets its frame is for. */
    private record Pending(StoredMessage copy, NewMail mail, List<Socket> sockets) {}

    /** What a key may stream out of what it asked for. */
    public record Subscription(List<String> addresses, List<String> domains) {}

    private record Subscriber(Socket socket, String account) {}

    private final Directory directory;
    private final Map<String, Set<Subscriber>> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byDomain = new ConcurrentHashMap<>();
    private final Map<Socket, Subscriber> subscribers = new ConcurrentHashMap<>();
    /** Copies whose frames are still to be sent, in commit order. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    /**
     * How many are queued. Past {@link #MAX_PENDING} (sending cannot keep up with ingest at all) the
     * committing thread sends them itself, rather than memory growing without end.
     */
    private final AtomicInteger queued = new AtomicInteger();
    /** Held by the one thread sending at a time, so every socket gets its frames in commit order. */
    private final ReentrantLock sending = new ReentrantLock();
    private final Thread backstop;
    private volatile boolean closed;

    public WebSocketHub(Directory directory) {
        this.directory = directory;
        this.backstop = Thread.ofPlatform().name("ws-backstop").daemon(true).start(this::backstopLoop);
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
        LockSupport.unpark(backstop); // it sleeps without a timeout while nobody is subscribed
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
        for (StoredMessage copy : mail.copies()) {
            Set<Subscriber> to = recipients(copy);
            if (!to.isEmpty()) {
                pending.add(new Pending(copy, mail, to.stream().map(Subscriber::socket).toList()));
                if (queued.incrementAndGet() > MAX_PENDING) {
                    send(true, false);
                }
            }
        }
    }

    /** A sender has its 250: send the frames queued so far, unless another thread already is. */
    @Override
    public void afterReply() {
        send(false, true);
    }

    /**
     * Sends every queued frame; when another thread is already at it, returns at once, or with
     * {@code wait} waits its turn. The sending thread looks again after letting go, so a copy queued by
     * a thread that found it busy is never left behind. A {@code sender} stops at the first message
     * over {@link #INLINE_RAW} and wakes the backstop thread, which sends it and what follows it.
     */
    private void send(boolean wait, boolean sender) {
        while (!pending.isEmpty()) {
            if (wait) {
                sending.lock();
            } else if (!sending.tryLock()) {
                return;
            }
            boolean leftLarge;
            try {
                leftLarge = !sendBatch(sender);
            } finally {
                sending.unlock();
            }
            if (leftLarge) {
                LockSupport.unpark(backstop);
                return;
            }
        }
    }

    /**
     * Takes up to {@link #MAX_BATCH} queued copies, builds each one's frame once, and hands each socket
     * its frames in order, all but the last marked as followed by more, so a socket that gets several
     * writes them in one go. Runs under {@link #sending}, so this thread is the only one taking from
     * {@link #pending}. False when {@code sender} stopped at a message over {@link #INLINE_RAW}, which is
     * left first in the queue.
     */
    private boolean sendBatch(boolean sender) {
        List<Pending> batch = new ArrayList<>();
        boolean leftLarge = false;
        for (Pending p; batch.size() < MAX_BATCH && (p = pending.peek()) != null; ) {
            if (sender && p.mail().raw().length > INLINE_RAW) {
                leftLarge = true;
                break;
            }
            batch.add(pending.poll());
        }
        queued.addAndGet(-batch.size());
        Map<Socket, List<byte[]>> frames = new IdentityHashMap<>();
        for (Pending p : batch) {
            byte[] frame = frame(p);
            if (frame != null) {
                for (Socket socket : p.sockets()) {
                    frames.computeIfAbsent(socket, k -> new ArrayList<>(batch.size())).add(frame);
                }
            }
        }
        frames.forEach((socket, list) -> {
            for (int i = 0; i < list.size(); i++) {
                if (!socket.offer(list.get(i), i < list.size() - 1)) {
                    unsubscribe(socket);
                    break;
                }
            }
        });
        return !leftLarge;
    }

    /**
     * Sends what no sender did: copies whose sender hung up before its 250. Looks every
     * {@link #BACKSTOP_NANOS} while sockets are open, and not at all otherwise.
     */
    private void backstopLoop() {
        while (!closed) {
            if (subscribers.isEmpty()) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, BACKSTOP_NANOS);
            }
            try {
                send(false, false);
            } catch (RuntimeException e) {
                log.error("sending queued web-socket frames failed", e);
            }
        }
    }

    /** The copy's frame, or null (logged) when it cannot be built. */
    private static byte[] frame(Pending p) {
        try {
            ParsedMessage parsed = p.mail().parsed();
            String text = parsed.text() != null ? parsed.text() : new MessageContent(p.mail().raw()).text();
            return MessagePayload.frame(p.copy(), text, parsed.html(), p.mail().raw(), parsed.headers().fields());
        } catch (RuntimeException e) {
            log.error("web-socket frame for message {} could not be built", p.copy().id(), e);
            return null;
        }
    }

    /** Stops the backstop thread; frames not yet sent are dropped with their sockets. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(backstop);
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
