package io.mailbin.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL and RCPT: {@code FROM:<path> PARAM=value ...} (RFC 5321 §4.1.2). Lenient where
 * real clients are sloppy (a space after the colon, a path without angle brackets), strict about the rest.
 *
 * @param path   the address between the angle brackets, empty for the null path {@code <>}
 * @param params ESMTP parameters, keys upper case, values as given (null for a bare keyword)
 */
record MailArguments(String path, Map<String, String> params) {

    /** Returns null when the argument does not start with {@code prefix} (e.g. {@code FROM:}) or is malformed. */
    static MailArguments parse(String argument, String prefix) {
        if (argument.length() < prefix.length() || !argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        String path;
        String tail;
        if (rest.startsWith("<")) {
            int close = closingBracket(rest);
            if (close < 0) {
                return null;
            }
            path = rest.substring(1, close);
            tail = rest.substring(close + 1);
        } else {
            int space = rest.indexOf(' ');
            path = space < 0 ? rest : rest.substring(0, space);
            tail = space < 0 ? "" : rest.substring(space);
        }
        path = stripSourceRoute(path);
        Map<String, String> params = new LinkedHashMap<>();
        for (String token : tail.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String key = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            params.put(key, eq < 0 ? null : token.substring(eq + 1));
        }
        return new MailArguments(path, params);
    }

    /** The closing bracket of the path, skipping brackets inside a quoted local part. */
    private static int closingBracket(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** {@code @relay1,@relay2:user@host} → {@code user@host}; source routes are obsolete and ignored (RFC 5321 §4.1.2). */
    private static String stripSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            return colon < 0 ? path : path.substring(colon + 1);
        }
        return path;
    }
}
