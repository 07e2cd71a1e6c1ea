package io.mailbin.spam;

import java.util.ArrayList;
import java.util.List;

/**
 * An e-mail address found in a header value, with where it starts. Found by scanning out from
 * each '@', which is linear in the value's length; a regex with a leading character class
 * rescans long runs from every position, which a hostile header can make quadratic.
 */
record EmailAddress(String local, String domain, int start) {

    static List<EmailAddress> findAll(String lower, int max) {
        List<EmailAddress> found = new ArrayList<>();
        int floor = 0;
        for (int at = lower.indexOf('@'); at >= 0 && found.size() < max; at = lower.indexOf('@', at + 1)) {
            int start = at;
            while (start > floor && isLocalChar(lower.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            while (end < lower.length() && isDomainChar(lower.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (lower.charAt(end - 1) == '.' || lower.charAt(end - 1) == '-')) {
                end--;
            }
            floor = at + 1;
            if (start < at && end > at + 1) {
                found.add(new EmailAddress(lower.substring(start, at), lower.substring(at + 1, end), start));
            }
        }
        return found;
    }

    String address() {
        return local + "@" + domain;
    }

    private static boolean isLocalChar(char c) {
        return c > ' ' && "<>\"',;:()@[]".indexOf(c) < 0;
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}
