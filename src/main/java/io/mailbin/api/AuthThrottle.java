package io.mailbin.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down a client that keeps presenting bad API keys: after a few failures within a window, each
 * further failure is answered only after a delay that doubles up to a cap. Failures are forgotten only
 * when the window passes, not on a success, so a client holding one good key cannot mix it in to guess
 * others at full speed. The delay costs a parked virtual thread; successful requests never wait.
 */
final class AuthThrottle {
    static final int FREE_FAILURES = 5;
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long MAX_DELAY_MS = 10_000;
    private static final int MAX_CLIENTS = 100_000;

    private record Failures(int count, long firstAt) {}

    private final Map<String, Failures> byClient = new ConcurrentHashMap<>();
    private final long baseDelayMs;

    AuthThrottle(long baseDelayMs) {
        this.baseDelayMs = baseDelayMs;
    }

    /** Records a failure and returns how long to wait before answering it. */
    long failed(String client) {
        long now = System.currentTimeMillis();
        if (byClient.size() > MAX_CLIENTS) {
            byClient.values().removeIf(f -> now - f.firstAt() > WINDOW.toMillis());
        }
        Failures f = byClient.merge(client, new Failures(1, now), (old, one) ->
                now - old.firstAt() > WINDOW.toMillis() ? one : new Failures(old.count() + 1, old.firstAt()));
        int over = f.count() - FREE_FAILURES;
        if (over <= 0) {
            return 0;
        }
        return Math.min(MAX_DELAY_MS, baseDelayMs << Math.min(over - 1, 20));
    }

}
