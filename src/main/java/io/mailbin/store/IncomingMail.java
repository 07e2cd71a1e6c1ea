package io.mailbin.store;

import java.util.List;

/**
 * What one accepted SMTP transaction asks the store to keep: the raw bytes once, and one message per
 * inbox it routes to. Everything in it is committed together or not at all.
 */
public record IncomingMail(byte[] raw, List<NewMessage> messages) {
    public IncomingMail {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an incoming mail routes to at least one inbox");
        }
        messages = List.copyOf(messages);
    }
}
