package io.mailbin.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP endpoint standing in for a webhook or Slack receiver (a true external edge): it records
 * every request and answers with scripted statuses, then 200.
 */
public final class HookReceiver implements AutoCloseable {
    /** One request as received, with the nanoTime it arrived. */
    public record Hit(String path, String contentType, String body, long arrivedNanos) {}

    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();

    private HookReceiver(HttpServer server) {
        this.server = server;
    }

    public static HookReceiver start() {
        return startOn(0);
    }

    /** Starts on a given port (0: any free one), e.g. to come back where a receiver was before. */
    public static HookReceiver startOn(int port) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
            HookReceiver r = new HookReceiver(s);
            s.createContext("/", exchange -> {
                long arrived = System.nanoTime();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                r.hits.add(new Hit(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                        body, arrived));
                int status;
                synchronized (r.script) {
                    status = r.script.isEmpty() ? 200 : r.script.poll();
                }
                byte[] answer = ("{\"ok\":" + (status < 300) + "}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            s.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next requests get these statuses, in order; after them, 200. */
    public HookReceiver answer(Integer... statuses) {
        synchronized (script) {
            script.clear();
            script.addAll(List.of(statuses));
        }
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Hit> hits(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
