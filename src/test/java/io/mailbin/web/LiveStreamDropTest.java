package io.mailbin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson3;
import io.mailbin.ingest.NewMail;
import io.mailbin.mail.MessageSummary;
import io.mailbin.store.Flags;
import io.mailbin.store.Route;
import io.mailbin.store.StoredMessage;
import io.mailbin.store.Viewer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live stream's own timing, on a bare Javalin with a short keep-alive and a tiny buffer: idle streams
 * send keep-alive comments, and a stream that cannot keep up gets {@code overflow} and is closed while
 * ingest goes on undisturbed.
 */
class LiveStreamDropTest {
    final LiveInboxes hub = new LiveInboxes(3);
    final CountDownLatch writerStuck = new CountDownLatch(1);
    volatile boolean stall;
    Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    /** A gate that admits everyone and, when asked to, holds the stream's thread on its first message. */
    final ReadGate gate = new ReadGate() {
        @Override
        public Inbox inbox(Context ctx, String address) {
            return new Inbox(address, Viewer.ANONYMOUS);
        }

        @Override
        public StoredMessage message(Context ctx, String address, String id) {
            throw new UnsupportedOperationException("this test only streams the inbox; it never opens a message");
        }

        @Override
        public Object view(StoredMessage m) {
            if (stall) {
                try {
                    writerStuck.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Map.of("_id", m.id());
        }
    };

    private BufferedReader open() throws Exception {
        app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson3(JsonMapper.builder().build(), true));
            new LiveStream(hub, gate, Duration.ofMillis(200)).register(config.routes);
        }).start("127.0.0.1", 0);
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/web/live/a@x.test"))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("event: ready");
        return in;
    }

    @Test
    void anIdleStreamSendsKeepAliveComments() throws Exception {
        BufferedReader in = open();
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        while (lines.stream().filter(l -> l.equals(": keep-alive")).count() < 2) {
            lines.add(in.readLine());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aStreamThatFallsBehindIsToldAndClosedWhileIngestGoesOn() throws Exception {
        BufferedReader in = open();
        stall = true;
        hub.committed(mail("first"));
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            hub.committed(mail("m" + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("ingest never waits").isLessThan(Duration.ofMillis(500));
        assertThat(hub.watching()).as("dropped from the hub at once").isZero();
        writerStuck.countDown();
        List<String> rest = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            rest.add(line);
        }
        assertThat(rest).contains("event: overflow").doesNotContain("id: m99");
    }

    private static NewMail mail(String id) {
        MessageSummary summary = new MessageSummary("s", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                "127.0.0.1", null, false, null);
        return new NewMail(List.of(new StoredMessage(id, Route.publicInbox("a@x.test", "a@x.test", "x.test"), Instant.now(), 1,
                summary, null, new Flags("inbox", List.of(), false, null))), new byte[0], null);
    }
}
