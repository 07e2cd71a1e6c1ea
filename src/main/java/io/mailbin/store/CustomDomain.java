package io.mailbin.store;

import java.time.Instant;

/**
 * A domain owned by an account (the spec's {@code Domain}): every address under it belongs to the owner.
 *
 * @param isPrivate whether its mail needs the owner's key to read (the spec's default: true)
 * @param enablews  whether its mail is published to the owner's WebSocket subscriptions
 */
public record CustomDomain(String domain, String owner, boolean enablews, boolean isPrivate, Instant created, Instant updated) {}
