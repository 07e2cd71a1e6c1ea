package io.mailbin.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The UI's files, read from the jar once at start and served from memory: {@code /} is the page,
 * {@code /assets/{name}} everything it loads. Only the files named here are served (no path from a
 * request ever reaches the class path), each with the UI's security headers and an ETag, so a browser
 * revalidates cheaply instead of downloading again.
 */
final class Assets {
    static final String ROOT = "/io/mailbin/web/";
    static final List<String> FILES = List.of("index.html", "style.css", "favicon.svg", "app.js", "api.js", "dom.js",
            "live.js", "home.js", "inbox.js", "message.js", "tabs.js", "account.js");

    record Asset(String name, byte[] bytes, String contentType, String etag) {}

    private final Map<String, Asset> byName;

    private Assets(Map<String, Asset> byName) {
        this.byName = byName;
    }

    static Assets load() {
        return new Assets(FILES.stream().map(Assets::read).collect(Collectors.toUnmodifiableMap(Asset::name, Function.identity())));
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> serve(ctx, "index.html"));
        routes.get("/assets/{name}", ctx -> serve(ctx, ctx.pathParam("name")));
    }

    private void serve(Context ctx, String name) {
        Asset a = byName.get(name);
        if (a == null) {
            throw new HttpResponseException(404, "No such file: " + name);
        }
        SecurityHeaders.page(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", a.etag());
        if (a.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(a.contentType()).result(a.bytes());
    }

    private static Asset read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the web inbox's " + ROOT + name);
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
            return new Asset(name, bytes, contentType(name), etag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalStateException("no content type for web asset " + name);
        };
    }
}
