package io.mailbin.web;

import io.javalin.http.Context;

/**
 * The headers that keep mail's content from acting with the UI's origin, where a user's API key lives.
 * The UI's own pages run only the UI's scripts from this origin and cannot be framed; a message's HTML
 * runs nothing at all, loads nothing but inline and data: images (remote ones only when the reader asks),
 * and is a sandboxed document of an opaque origin even when opened directly.
 */
final class SecurityHeaders {
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    /** Links in mail open in a new, unsandboxed tab (a sign-up confirmation must work); nothing else is allowed. */
    static final String FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

    private SecurityHeaders() {}

    static void common(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    static void page(Context ctx) {
        common(ctx);
        ctx.header("Content-Security-Policy", PAGE_POLICY);
        ctx.header("X-Frame-Options", "DENY");
    }

    static String framePolicy(boolean remoteImages) {
        return "default-src 'none'; img-src data: cid:" + (remoteImages ? " https: http:" : "")
                + "; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'self'; sandbox " + FRAME_SANDBOX;
    }

    static void frame(Context ctx, boolean remoteImages) {
        common(ctx);
        ctx.header("Content-Security-Policy", framePolicy(remoteImages));
        ctx.header("Cache-Control", "no-store");
    }
}
