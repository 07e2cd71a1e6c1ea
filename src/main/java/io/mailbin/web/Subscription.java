package io.mailbin.web;

import io.mailbin.store.StoredMessage;
import io.mailbin.store.Viewer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One live stream's queue of new messages, bounded. Ingest offers without ever waiting (the lock guards a
 * few field updates); the stream's own thread takes, waiting up to the keep-alive interval. A queue that
 * fills up ends the subscription instead of growing or slowing ingest: that client is dropped, and it
 * catches up by listing the inbox when it reconnects.
 */
final class Subscription {
    enum End { OVERFLOW, CLOSED }

    private final String address;
    private final Viewer viewer;
    private final int capacity;
    private final ArrayDeque<StoredMessage> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private End end;

    Subscription(String address, Viewer viewer, int capacity) {
        this.address = address;
        this.viewer = viewer;
        this.capacity = capacity;
    }

    String address() {
        return address;
    }

    Viewer viewer() {
        return viewer;
    }

    /** Queues a message; false when the subscription has ended, or ends now because the queue is full. */
    boolean offer(StoredMessage m) {
        lock.lock();
        try {
            if (end != null) {
                return false;
            }
            if (queue.size() >= capacity) {
                end = End.OVERFLOW;
                queue.clear();
                changed.signalAll();
                return false;
            }
            queue.add(m);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    void end(End why) {
        lock.lock();
        try {
            if (end == null) {
                end = why;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next message, or null after {@code wait} without one or once the subscription has ended. */
    StoredMessage next(Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (queue.isEmpty() && end == null && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            return end == null ? queue.poll() : null;
        } finally {
            lock.unlock();
        }
    }

    /** Why the subscription ended, or null while it runs. */
    End ended() {
        lock.lock();
        try {
            return end;
        } finally {
            lock.unlock();
        }
    }
}
