package io.mailbin.api;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Headers for responses that carry mail content. Mail is written by strangers and served from the API's
 * origin, where a user's API key lives; {@code sandbox} gives such a document a unique opaque origin
 * with no scripts, and {@code nosniff} stops a browser from guessing its way into running it.
 */
final class HostileContent {
    private HostileContent() {}

    static void mark(Context ctx) {
        ctx.header("Content-Security-Policy", "sandbox");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
    }

    /** Makes the browser save the response as a file instead of displaying it. */
    static void attachment(Context ctx, String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._ -]", "_");
        if (ascii.isBlank()) {
            ascii = "attachment";
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
