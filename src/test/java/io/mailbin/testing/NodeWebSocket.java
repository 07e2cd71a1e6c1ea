package io.mailbin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A web-socket subscriber run as Node's own WebSocket client (src/test/node/ws-listen.mjs); frames arrive as JSON. */
public final class NodeWebSocket implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

    private NodeWebSocket(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    frames.add(TestMailbin.JSON.readTree(line));
                }
            } catch (IOException | RuntimeException e) {
                frames.add(TestMailbin.JSON.createObjectNode().put("error", e.toString()));
            }
        });
    }

    public static NodeWebSocket connect(String url) {
        try {
            ProcessBuilder pb = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", "ws-listen.mjs")
                    .directory(Path.of("src/test/node").toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("MAILBIN_WS_URL", url);
            Process p = pb.start();
            p.getOutputStream().close();
            return new NodeWebSocket(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame, or fails after {@code seconds}. */
    public JsonNode next(int seconds) {
        try {
            JsonNode f = frames.poll(seconds, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no web-socket frame within " + seconds + " s");
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether another frame arrives within {@code millis}. */
    public boolean quietFor(long millis) {
        try {
            JsonNode f = frames.poll(millis, TimeUnit.MILLISECONDS);
            if (f != null) {
                frames.add(f);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
