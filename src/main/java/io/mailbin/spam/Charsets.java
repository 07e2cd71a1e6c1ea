package io.mailbin.spam;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns message bytes into text, tolerating the missing and bogus charsets common in spam. */
final class Charsets {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Charsets() {
    }

    /** Header bytes are meant to be ASCII; 8-bit ones are UTF-8 if they decode as such, else Latin-1. */
    static String decodeHeaderBytes(byte[] bytes) {
        return strictUtf8(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes a text body. A declared charset that Java knows is used as is (with replacement of
     * bad bytes); a missing, ASCII or unknown one is tried as UTF-8 first, then windows-1252,
     * which is what undeclared 8-bit mail usually is.
     */
    static String decodeBody(byte[] bytes, String declared) {
        Charset charset = lookup(declared);
        if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
            return strictUtf8(bytes, WINDOWS_1252);
        }
        return new String(bytes, charset);
    }

    private static Charset lookup(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String strictUtf8(byte[] bytes, Charset fallback) {
        // The JDK's own UTF-8 decoding is the fast path (and exact for ASCII); it only replaces what is
        // malformed, so a result without U+FFFD is what the strict decoder gives. Otherwise decide strictly:
        // the message may hold a real U+FFFD, or bytes that are not UTF-8 at all.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, fallback);
        }
    }
}
