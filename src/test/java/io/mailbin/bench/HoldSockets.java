package io.mailbin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark helper (run by bench/live.sh): holds COUNT open web sockets, COUNT-1 on addresses of their
 * own and one on LOADED_ADDRESS, reading every frame, until killed. Prints "ready" when all listen.
 *
 * <p>The sockets are {@link RawWebSocket}s, payloads skipped, each read by a blocking platform thread:
 * this process shares the two cores with the server it measures, and the JDK's client, decoding every
 * 6 KB frame into text, took a sixth as much CPU as the server's whole ingest of the message (a
 * virtual-thread reader, woken through the poller, still half of that). A consumer that does nothing
 * with the frames is what the benchmark needs, as smtp-source is on the sending side.
 *
 * <p>Usage: {@code HoldSockets HTTP_PORT API_KEY COUNT LOADED_ADDRESS}
 */
public final class HoldSockets {
    public static void main(String[] args) throws Exception {
        int http = Integer.parseInt(args[0]);
        String key = args[1];
        int count = Integer.parseInt(args[2]);
        String loaded = args[3];
        HttpClient client = HttpClient.newHttpClient();
        List<String> addresses = new ArrayList<>();
        addresses.add(loaded);
        for (int i = 1; i < count; i++) {
            addresses.add("idle-" + i + "@sockets.bench");
        }
        for (String a : addresses) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/addresses/" + a))
                    .header("Mailsac-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"enablews\":true}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && r.statusCode() != 400) { // 400: already ours from an earlier round
                throw new IllegalStateException("cannot reserve " + a + ": " + r.body());
            }
        }
        AtomicLong frames = new AtomicLong();
        List<RawWebSocket> open = new ArrayList<>();
        for (String a : addresses) {
            RawWebSocket socket = new RawWebSocket(http, "/incoming-messages?key=" + key + "&addresses=" + a);
            open.add(socket);
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    socket.read(false, frame -> frames.incrementAndGet());
                } catch (IOException e) {
                    System.err.println("socket for " + a + " ended: " + e.getMessage());
                }
            });
        }
        System.out.println("ready " + open.size());
        System.out.flush();
        Thread.currentThread().join();
    }
}
