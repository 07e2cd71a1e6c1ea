package io.mailbin.spam;

/** A raw message with its known class, as used for training and evaluation. */
public record LabelledMessage(String name, boolean spam, byte[] raw) {
}
