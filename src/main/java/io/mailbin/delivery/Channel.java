package io.mailbin.delivery;

import io.mailbin.store.OutboxEntry;

/** One way of delivering a message: a webhook, a Slack post, an email forward. */
interface Channel {
    /** Delivers once; never throws, every failure is an {@link Outcome}. */
    Outcome deliver(OutboxEntry entry, Letter letter);

    /** The key deliveries share a concurrency cap under, e.g. the target host. */
    String capKey(OutboxEntry entry);
}
