package io.mailbin.bench;

import com.sun.net.httpserver.HttpServer;
import io.mailbin.testing.SmtpDialog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark probe (run by bench/live.sh, not a test): time from the client receiving the 250 after DATA
 * to (a) the web-socket frame and (b) the webhook request, for one reserved address with both on.
 * The first {@code PROBES} probes warm up both sides (this JVM's web-socket client and webhook
 * receiver as much as the server) and are not counted. The web socket is read by a blocking thread at
 * the byte level ({@link RawWebSocket}): the JDK's client hands each frame across two of its own
 * threads first, which added about half a millisecond of its own to every figure.
 *
 * <p>Usage: {@code LiveLatency SMTP_PORT HTTP_PORT API_KEY PROBES}; prints
 * {@code ws_median_ms ws_p99_ms hook_median_ms hook_p99_ms}.
 */
public final class LiveLatency {
    public static void main(String[] args) throws Exception {
        int smtp = Integer.parseInt(args[0]);
        int http = Integer.parseInt(args[1]);
        String key = args[2];
        int probes = Integer.parseInt(args[3]);
        String address = "probe-" + Long.toString(System.nanoTime(), 36) + "@live.bench";
        Map<String, Long> frameAt = new ConcurrentHashMap<>();
        Map<String, Long> hookAt = new ConcurrentHashMap<>();

        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        receiver.createContext("/hook", ex -> {
            long t = System.nanoTime();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            hookAt.putIfAbsent(token(body), t);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> reserved = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/addresses/" + address))
                .header("Mailsac-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"enablews\":true,\"webhook\":\"http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/hook\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (reserved.statusCode() != 200) {
            throw new IllegalStateException("cannot reserve " + address + ": " + reserved.body());
        }
        CountDownLatch listening = new CountDownLatch(1);
        RawWebSocket ws = new RawWebSocket(http, "/incoming-messages?key=" + key + "&addresses=" + address);
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                ws.read(true, payload -> {
                    long t = System.nanoTime();
                    String frame = new String(payload, StandardCharsets.UTF_8);
                    if (frame.contains("Listening")) {
                        listening.countDown();
                    } else {
                        frameAt.putIfAbsent(token(frame), t);
                    }
                });
            } catch (IOException e) {
                // closed at the end of the run
            }
        });
        listening.await(10, TimeUnit.SECONDS);

        double[] wsMs = new double[probes];
        double[] hookMs = new double[probes];
        try (SmtpDialog d = SmtpDialog.open(smtp)) {
            d.command("EHLO probe.local", 250);
            for (int i = -probes; i < probes; i++) {
                String token = "tok" + (i + probes) + "x" + System.nanoTime();
                d.sendMessage("probe@bench.test", List.of(address), "Subject: " + token + "\r\n\r\n" + "x".repeat(2000));
                long acked = System.nanoTime();
                long deadline = acked + TimeUnit.SECONDS.toNanos(10);
                while ((!frameAt.containsKey(token) || !hookAt.containsKey(token)) && System.nanoTime() < deadline) {
                    Thread.sleep(0, 100_000);
                }
                if (i >= 0) {
                    wsMs[i] = (frameAt.getOrDefault(token, deadline) - acked) / 1e6;
                    hookMs[i] = (hookAt.getOrDefault(token, deadline) - acked) / 1e6;
                }
                Thread.sleep(5);
            }
        }
        ws.close();
        receiver.stop(0);
        System.out.printf("%.2f %.2f %.2f %.2f%n", median(wsMs), p99(wsMs), median(hookMs), p99(hookMs));
        System.exit(0);
    }

    private static String token(String json) {
        int at = json.indexOf("\"subject\":\"tok");
        return at < 0 ? "" : json.substring(at + 11, json.indexOf('"', at + 11));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double p99(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)];
    }
}
