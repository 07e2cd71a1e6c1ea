package io.mailbin.smtp;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the read deadlines of every SMTP session from one watch thread, instead of a socket read
 * timeout per read.
 *
 * <p>Why: a virtual thread blocked in a read with a timeout arms a timer and cancels it when data
 * arrives, and each arm and cancel wakes the JDK's timer thread. A session blocks in a read four or
 * five times per message (MAIL, RCPT, DATA, the data, the next MAIL), so at thousands of messages per
 * second the timers cost about 5% of ingest throughput. Here a read only publishes when it is due (a
 * volatile write); the watch looks every {@link #TICK} and shuts down the input of a socket whose read
 * is overdue, which ends the blocked read at once, and the reader then reports the deadline it missed.
 * Deadlines are therefore kept to within one tick, which is fine for limits measured in seconds.
 */
final class ReadDeadlines implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(50);

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    ReadDeadlines() {
        thread = Thread.ofPlatform().name("smtp-deadlines").daemon(true).start(this::run);
    }

    /** Starts watching the reads of one connection; {@code tcp} is its plain socket (under TLS, the one below). */
    Watch watch(Socket tcp) {
        Watch w = new Watch(tcp);
        watched.add(w);
        return w;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watched) {
                w.check(now);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    /** The read deadline of one connection. Armed only while a read blocks, so slow processing never trips it. */
    final class Watch implements SmtpInput.ReadWatch {
        private static final long DISARMED = Long.MAX_VALUE;
        private final Socket tcp;
        private volatile long due = DISARMED;
        private volatile boolean expired;

        private Watch(Socket tcp) {
            this.tcp = tcp;
        }

        @Override
        public void arm(long dueNanos) {
            due = dueNanos;
        }

        @Override
        public void disarm() {
            due = DISARMED;
        }

        @Override
        public boolean expired() {
            return expired;
        }

        @Override
        public void close() {
            watched.remove(this);
        }

        private void check(long now) {
            long d = due;
            if (d != DISARMED && now - d >= 0 && !expired) {
                expired = true;
                try {
                    tcp.shutdownInput(); // the blocked read returns end-of-stream; the output stays open for the 421
                } catch (IOException ignored) {
                    // already closed: the read has ended anyway
                }
            }
        }
    }
}
