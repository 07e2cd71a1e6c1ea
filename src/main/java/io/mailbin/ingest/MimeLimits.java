package io.mailbin.ingest;

import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The limits every mime4j parser in Mailbin runs with, chosen on purpose.
 *
 * <p>mime4j's defaults (1,000 headers, 1,000-character lines) reject ordinary mail: HTML newsletters put
 * whole documents on one line. The real bound is the SMTP size limit, which every message has already
 * passed before it is parsed, so line and header lengths are unlimited here. The header count is capped
 * far above anything legitimate (a 10,000-line header block still parses) so a hostile message cannot
 * turn the header map into an unbounded allocation; past it the message is kept raw with a parse error.
 */
public final class MimeLimits {
    public static final int MAX_HEADER_COUNT = 50_000;

    public static final MimeConfig CONFIG = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(MAX_HEADER_COUNT)
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build();

    private MimeLimits() {}
}
