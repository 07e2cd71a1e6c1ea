package io.mailbin.delivery;

import io.mailbin.ingest.HeaderField;
import io.mailbin.ingest.MessageContent;
import io.mailbin.store.MessageStore;
import io.mailbin.store.StoredMessage;
import java.util.List;
import java.util.Optional;

/**
 * A stored message with its content, read back from the store when a delivery is attempted, so a
 * retry after a restart sends exactly what the first attempt would have.
 */
record Letter(StoredMessage message, byte[] raw, String text, String html, List<HeaderField> headers) {

    /** Empty when the message has been deleted since. */
    static Optional<Letter> load(MessageStore store, String messageId) {
        return store.find(messageId).flatMap(m -> store.raw(m.id()).map(raw -> {
            MessageContent content = new MessageContent(raw);
            return new Letter(m, raw, content.text(), content.html(), content.headers());
        }));
    }
}
