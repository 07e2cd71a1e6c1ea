package io.mailbin.smtp;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-sender message rate: {@code permits} per {@code period}, with bursts of up to {@code burst}.
 * Written {@code 100/1m} (burst 100) or {@code 100/1m,burst=20}; {@code off} for no limit.
 */
public record RateLimit(long permits, Duration period, long burst) {
    public static final RateLimit OFF = new RateLimit(0, Duration.ofSeconds(1), 0);
    private static final Pattern SPEC = Pattern.compile(
            "(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h|d)(?:\\s*,\\s*burst\\s*=\\s*(\\d+))?", Pattern.CASE_INSENSITIVE);

    public RateLimit {
        if (permits < 0 || burst < 0 || !period.isPositive()) {
            throw new IllegalArgumentException("a rate needs a positive period and no negative counts");
        }
    }

    public boolean enabled() {
        return permits > 0;
    }

    /** Reads {@code off}, {@code 100/1m}, {@code 10/s}, {@code 600/1h,burst=50}. */
    public static RateLimit parse(String flag, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("off") || t.equals("0")) {
            return OFF;
        }
        Matcher m = SPEC.matcher(t);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(flag + " must be 'off' or a rate like 100/1m, 10/s or 600/1h,burst=50; got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration period = switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
        long burst = m.group(4) == null ? n : Long.parseLong(m.group(4));
        if (burst < 1) {
            throw new IllegalArgumentException(flag + ": burst must be at least 1");
        }
        return new RateLimit(n, period, burst);
    }

    @Override
    public String toString() {
        if (!enabled()) {
            return "off";
        }
        long ms = period.toMillis();
        String p = ms % 3_600_000 == 0 ? ms / 3_600_000 + "h" : ms % 60_000 == 0 ? ms / 60_000 + "m"
                : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        return permits + "/" + p + (burst == permits ? "" : ",burst=" + burst);
    }
}
