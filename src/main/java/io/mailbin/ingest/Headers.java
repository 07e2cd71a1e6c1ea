package io.mailbin.ingest;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Small helpers for header values. */
public final class Headers {
    private Headers() {}

    /** Unfolds a header value and decodes RFC 2047 encoded words ({@code =?UTF-8?B?...?=}). */
    public static String decode(String value) {
        String unfolded = unfold(value).trim();
        return unfolded.contains("=?") ? DecoderUtil.decodeEncodedWords(unfolded, DecodeMonitor.SILENT) : unfolded;
    }

    /** Joins folded continuation lines (RFC 5322 §2.2.3). */
    public static String unfold(String value) {
        if (value.indexOf('\n') < 0) {
            return value;
        }
        return value.replaceAll("\r?\n(?=[ \t])", "");
    }
}
