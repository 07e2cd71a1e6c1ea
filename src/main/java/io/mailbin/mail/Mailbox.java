package io.mailbin.mail;

/** A display name and address from a From/To/Cc/Bcc header (the spec's {@code EmailRecipient}). */
public record Mailbox(String address, String name) {
    public Mailbox {
        address = address == null ? "" : address;
        name = name == null ? "" : name;
    }
}
