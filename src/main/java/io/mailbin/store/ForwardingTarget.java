package io.mailbin.store;

/**
 * The forwarding settings of one address, captured when a message routed through it arrived.
 * A message to a reserved address inside a catch-all domain carries two: its own and the catch-all's.
 *
 * @param address   the reserved address (or {@code *@domain}) these settings belong to
 * @param websocket whether to publish to web-socket subscribers
 */
public record ForwardingTarget(
        String address, String forward, String webhook, String webhookSlack, boolean webhookSlackToFrom, boolean websocket) {

    public boolean isEmpty() {
        return blank(forward) && blank(webhook) && blank(webhookSlack) && !websocket;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
