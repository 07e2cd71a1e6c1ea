package io.mailbin.ingest;

/**
 * One header line of a message, in the order it appears.
 *
 * @param name  the field name as written
 * @param value the unfolded value, RFC 2047 encoded words decoded
 * @param raw   the field exactly as it appears in the message, folding included
 */
public record HeaderField(String name, String value, String raw) {}
