package io.mailbin.delivery;

import java.time.Duration;

/**
 * How forwarding behaves: webhooks, Slack, email forwards (through the outbox) and web sockets.
 *
 * @param retryBase            the first retry's delay; each next one doubles (with jitter), up to an hour
 * @param giveUpAfter          a delivery not done this long after the message arrived is given up (default: a day)
 * @param timeout              connect and read timeout of one webhook or Slack request
 * @param perTargetConcurrency deliveries in flight to one host (or one relay) at a time
 * @param responseCap          bytes read of a webhook's response; the rest is dropped
 * @param allowPrivateTargets  let webhook and Slack targets resolve to loopback, private, link-local or multicast addresses
 * @param publicUrl            how users reach the web inbox, for the link in Slack messages
 * @param relay                the smart host that email forwards go through, or null when there is none
 * @param wsPing               how often idle web sockets are pinged
 * @param wsMaxQueuedFrames    frames a web socket may have unsent before it is closed as too slow
 * @param maxWait              the longest a long-poll request may wait for a message
 */
public record DeliverySettings(
        Duration retryBase,
        Duration giveUpAfter,
        Duration timeout,
        int perTargetConcurrency,
        long responseCap,
        boolean allowPrivateTargets,
        String publicUrl,
        String hostname,
        Relay relay,
        Duration wsPing,
        int wsMaxQueuedFrames,
        Duration maxWait) {

    /**
     * The smart host for email forwards.
     *
     * @param tls  {@code none}, {@code starttls} (required) or {@code tls} (implicit)
     * @param from the envelope sender forwards go out with
     */
    public record Relay(String host, int port, String user, String password, String tls, String from) {}

    public DeliverySettings {
        if (perTargetConcurrency < 1) {
            throw new IllegalArgumentException("--delivery-concurrency-per-target must be at least 1");
        }
        if (wsMaxQueuedFrames < 1) {
            throw new IllegalArgumentException("--ws-max-queued-frames must be at least 1");
        }
    }
}
