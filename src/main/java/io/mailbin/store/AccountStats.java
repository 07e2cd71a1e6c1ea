package io.mailbin.store;

/** Totals for an account's mail (the spec's {@code CurrentUserStats} counts). */
public record AccountStats(long starredMessages, long storedMessages, long inboxBytes) {}
