package io.mailbin.spam;

/** The model's answer for one message: its spamminess in [0, 1] and whether that reaches the model's threshold. */
public record Verdict(boolean spam, double spamminess) {
}
