package io.mailbin.store;

import java.util.Optional;

/** Spam models that learned from users, and what each message taught them. */
public interface SpamModelStore {

    /** The model of a scope ({@code global} or an account id), as written by the spam library, if one was saved. */
    Optional<byte[]> model(String scope);

    /**
     * Saves a scope's model together with the lesson of one message, atomically.
     *
     * @param spam the label the message now teaches the scope
     */
    void saveLesson(String scope, byte[] model, String messageId, boolean spam);

    /** What a message has taught a scope so far: spam, ham, or nothing. */
    Optional<Boolean> lesson(String messageId, String scope);
}
