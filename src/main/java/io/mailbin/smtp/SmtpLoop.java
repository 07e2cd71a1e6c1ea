package io.mailbin.smtp;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event-loop thread serving many SMTP sessions ({@link LoopSession}) on non-blocking sockets.
 *
 * <p>Why: a session on a thread of its own blocks in a read four or five times per message, and each
 * block parks and later wakes its thread. On two cores that scheduling costs more than parsing the
 * mail (bench/floor.sh: a do-nothing server with a thread per connection reaches about half of
 * smtp-sink, one with a selector loop matches it). Here a loop reads whatever its ready sockets hold and
 * runs the commands at once; pipelined commands cost one read.
 *
 * <p>The loop never blocks: ingest runs on a virtual thread per message and posts its outcome back
 * ({@link #execute}); a session about to do something that blocks (STARTTLS, AUTH, a wait in the
 * admission queue) leaves the loop for a thread of its own. Read deadlines are checked by a scan of the
 * loop's sessions every {@link ReadDeadlines#TICK}, as precisely as the session threads' watch.
 */
final class SmtpLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpLoop.class);
    private static final long TICK_MILLIS = ReadDeadlines.TICK.toMillis();

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<LoopSession> sessions = new HashSet<>(); // touched on the loop thread only
    private final List<LoopSession> leaving = new ArrayList<>();
    private volatile boolean running = true;

    SmtpLoop(String name) throws IOException {
        selector = Selector.open();
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    /** Runs {@code task} on the loop thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    Selector selector() {
        return selector;
    }

    void added(LoopSession s) {
        sessions.add(s);
    }

    void removed(LoopSession s) {
        sessions.remove(s);
    }

    /**
     * {@code s} leaves the loop for a thread once its key is deregistered (a channel cannot turn
     * blocking before): at the end of this round, after the selector has dropped the cancelled key.
     */
    void leaveSoon(LoopSession s) {
        leaving.add(s);
    }

    private void run() {
        long nextScan = System.nanoTime();
        while (running) {
            try {
                selector.select(LoopSession::ready, TICK_MILLIS);
                runTasks();
                while (!leaving.isEmpty()) {
                    List<LoopSession> now = List.copyOf(leaving);
                    leaving.clear();
                    selector.selectNow(LoopSession::ready); // deregisters the cancelled keys
                    now.forEach(LoopSession::leave);
                }
                long now = System.nanoTime();
                if (now - nextScan >= 0) {
                    nextScan = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                    for (LoopSession s : sessions.toArray(LoopSession[]::new)) {
                        s.checkDeadline(now);
                    }
                }
            } catch (IOException | RuntimeException e) { // sessions handle their own errors; this is the selector's
                log.error("SMTP event loop {}: {}", thread.getName(), e.toString(), e);
            }
        }
        runTasks(); // goodbyes queued by the shutdown
        try {
            selector.selectNow(key -> { });
        } catch (IOException ignored) {
            // closing anyway
        }
        leaving.forEach(LoopSession::leave);
        for (LoopSession s : sessions.toArray(LoopSession[]::new)) {
            s.close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Stops the loop and closes the sessions still on it; call after they were told to shut down. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
