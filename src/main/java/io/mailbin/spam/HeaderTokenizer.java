package io.mailbin.spam;

import java.util.List;
import java.util.Locale;

/**
 * Turns the top-level header fields into tokens prefixed with the field they came from
 * ({@code subject:free}, {@code from:domain:example.com}), so that a word means something
 * different in the subject than in the body. Which fields are present is a token too.
 */
final class HeaderTokenizer {
    private HeaderTokenizer() {
    }

    static void tokenize(Header header, TokenSink sink) {
        String name = header.name();
        String value = header.value();
        String lower = value.toLowerCase(Locale.ROOT);
        sink.add("header:" + name);
        switch (name) {
            case "subject" -> subject(value, sink);
            case "from", "reply-to", "sender", "return-path", "errors-to" -> sender(name, lower, sink);
            case "to", "cc" -> recipients(name, lower, sink);
            case "received" -> RelayTokens.add(lower, sink);
            case "content-type" -> {
                contentType(lower, sink);
                boundary(value, sink);
            }
            case "content-transfer-encoding", "precedence", "x-priority", "importance", "x-msmail-priority",
                 "mime-version" -> sink.add(name + ":" + firstWord(lower));
            case "x-mailer", "user-agent", "organization" -> words(name, lower, sink);
            case "message-id" -> {
                messageId(lower, sink);
                sink.add("message-id:shape:" + Shape.of(value));
            }
            case "date" -> date(lower, sink);
            default -> {
                // presence of the field is already a token; its value is mostly noise
            }
        }
    }

    private static void subject(String value, TokenSink sink) {
        WordTokenizer.tokenize(value, "subject:", sink);
        String lower = value.toLowerCase(Locale.ROOT);
        if (value.length() > 3 && value.equals(value.toUpperCase(Locale.ROOT)) && !lower.equals(value)) {
            sink.add("subject:all-caps");
        }
        if (lower.contains("!!")) {
            sink.add("subject:!!");
        }
        if (lower.startsWith("re:")) {
            sink.add("subject:reply");
        }
        for (String word : value.split("\\s+")) {
            // short words (re, fw, $5, 4u) are dropped by the body rules but matter in subjects
            String stripped = WordTokenizer.strip(word.toLowerCase(Locale.ROOT));
            if (!stripped.isEmpty() && stripped.length() < WordTokenizer.MIN_WORD) {
                sink.add("subject:" + stripped);
            }
        }
    }

    /**
     * From keeps its own tokens; Reply-To, Sender, Return-Path and Errors-To share the prefix
     * {@code envelope:}, because a mailing list repeats one address in all four and counting it
     * four times would overstate one piece of evidence (this cut false positives in cross-validation).
     */
    private static void sender(String field, String lower, TokenSink sink) {
        String name = field.equals("from") ? "from" : "envelope";
        List<EmailAddress> addresses = EmailAddress.findAll(lower, 1);
        if (addresses.isEmpty()) {
            sink.add(name + ":no-address");
            return;
        }
        EmailAddress address = addresses.getFirst();
        sink.add(name + ":addr:" + address.address());
        sink.add(name + ":domain:" + address.domain());
        int start = address.start();
        if (start > 0) {
            WordTokenizer.tokenize(lower.substring(0, start), name + ":name:", sink);
        } else {
            sink.add(name + ":no-name");
        }
    }

    private static void recipients(String name, String lower, TokenSink sink) {
        List<EmailAddress> addresses = EmailAddress.findAll(lower, 20);
        for (EmailAddress address : addresses) {
            sink.add(name + ":domain:" + address.domain());
            sink.add(name + ":addr:" + address.address());
        }
        int count = addresses.size();
        sink.add(name + ":count:" + (count < 5 ? String.valueOf(count) : "many"));
        if (lower.contains("undisclosed")) {
            sink.add(name + ":undisclosed");
        }
    }

    static void contentType(String lower, TokenSink sink) {
        int semicolon = lower.indexOf(';');
        String type = (semicolon < 0 ? lower : lower.substring(0, semicolon)).trim();
        sink.add("content-type:" + type);
        int charset = lower.indexOf("charset=");
        if (charset >= 0) {
            String value = lower.substring(charset + "charset=".length()).replace("\"", "");
            sink.add("charset:" + firstWord(value.replace(';', ' ')));
        }
    }

    /** Searches the original value, not {@code lower}: lower-casing can change the length of non-ASCII text. */
    private static void boundary(String value, TokenSink sink) {
        int start = -1;
        for (int i = 0; i + "boundary=".length() <= value.length() && start < 0; i++) {
            if (value.regionMatches(true, i, "boundary=", 0, "boundary=".length())) {
                start = i;
            }
        }
        if (start >= 0) {
            String boundary = value.substring(start + "boundary=".length()).replace("\"", "");
            int end = boundary.indexOf(';');
            sink.add("boundary:" + Shape.of(end < 0 ? boundary.strip() : boundary.substring(0, end).strip()));
        }
    }

    private static void words(String name, String lower, TokenSink sink) {
        sink.add(name + ":" + (lower.length() > 40 ? lower.substring(0, 40) : lower));
        WordTokenizer.tokenize(lower, name + ":", sink);
    }

    private static void messageId(String lower, TokenSink sink) {
        int at = lower.lastIndexOf('@');
        if (at < 0) {
            sink.add("message-id:no-at");
            return;
        }
        String domain = lower.substring(at + 1).replace(">", "").trim();
        sink.add("message-id:@" + domain);
    }

    /** Mail software shows in the date's shape: its zone notation, weekday and hour. */
    private static void date(String lower, TokenSink sink) {
        sink.add("date:zone:" + DateShape.zone(lower));
        int hour = DateShape.hour(lower);
        if (hour >= 0) {
            sink.add("date:hour:" + hour);
        }
        if (!DateShape.startsWithWeekday(lower)) {
            sink.add("date:no-weekday");
        }
    }

    private static String firstWord(String value) {
        String trimmed = value.trim();
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        return trimmed.substring(0, space);
    }
}
