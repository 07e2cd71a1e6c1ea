package io.mailbin.smtp;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Small pieces of reply text: durations as operators write them, incident ids, client text made safe to echo. */
final class SmtpText {
    private SmtpText() {}

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** A random id for an internal error, in the reply and in the log, so the two can be matched. */
    static String incident() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** At most 64 characters of what the client sent, control characters replaced, safe to put in a reply. */
    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
