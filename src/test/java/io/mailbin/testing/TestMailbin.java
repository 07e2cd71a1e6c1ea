package io.mailbin.testing;

import io.mailbin.Mailbin;
import io.mailbin.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Mailbin on free loopback ports with its own temporary data directory, for one test class.
 * Tests talk to it only through sockets: SMTP clients and HTTP.
 */
public final class TestMailbin implements AutoCloseable {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dataDir;
    private final Mailbin mailbin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestMailbin(Path dataDir, Mailbin mailbin) {
        this.dataDir = dataDir;
        this.mailbin = mailbin;
    }

    public static TestMailbin start() {
        return start(b -> b);
    }

    /** Starts with test defaults (free ports, short grace) adjusted by {@code settings}. */
    public static TestMailbin start(UnaryOperator<Config.Builder> settings) {
        try {
            Path dir = Files.createTempDirectory("mailbin-test");
            return start(dir, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestMailbin start(Path dataDir, UnaryOperator<Config.Builder> settings) {
        Config.Builder b = Config.builder()
                .dataDir(dataDir)
                .bind("127.0.0.1")
                .hostname("mailbin.test")
                .smtpPort(0)
                .httpPort(0)
                .shutdownGrace(Duration.ofSeconds(5));
        return new TestMailbin(dataDir, Mailbin.start(settings.apply(b).build()));
    }

    public int smtpPort() {
        return mailbin.smtpPort();
    }

    public int smtpsPort() {
        return mailbin.smtpsPort();
    }

    public int httpPort() {
        return mailbin.httpPort();
    }

    /** Creates an account the way the CLI does and returns its API key. */
    public String createAccount(String name) {
        return mailbin.accounts().accounts().create(name, false).key();
    }

    public Mailbin mailbin() {
        return mailbin;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort() + path;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE().build());
    }

    /** GETs a JSON endpoint that must answer 200. */
    public JsonNode json(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * The value of one Prometheus sample from {@code GET /metrics}, e.g.
     * {@code mailbin_smtp_rejections_total{code="421",reason="queue_timeout"}}; 0 when absent. Labels
     * are matched as written, in the order the registry prints them (alphabetical).
     */
    public double metric(String sample) {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + r.statusCode());
        }
        return r.body().lines()
                .filter(l -> l.startsWith(sample + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1).trim()))
                .findFirst().orElse(0);
    }

    @Override
    public void close() {
        mailbin.close();
    }

    /** Stops the server and removes its data directory. */
    public void closeAndDelete() {
        close();
        deleteRecursively(dataDir);
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
