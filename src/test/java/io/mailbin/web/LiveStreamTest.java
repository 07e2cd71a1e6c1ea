package io.mailbin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The web inbox's live stream over plain HTTP: who may open it (exactly who may list the inbox), what it
 * sends (the API's message object), and that mail a subscriber may not read is never sent.
 */
class LiveStreamTest {
    static TestMailbin server;
    static String aliceKey;
    static String bobKey;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestMailbin.start();
        aliceKey = server.createAccount("alice");
        bobKey = server.createAccount("bob");
        reserve("secret@private.test", aliceKey);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void aPublicInboxStreamsNewMailWithoutAKey() throws Exception {
        try (Events events = Events.open(server.url("/web/live/watch@public.test"), null)) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.next().event()).isEqualTo("ready");
            send("watch+tag@public.test", "hello live");
            Event e = events.next();
            assertThat(e.event()).isEqualTo("message");
            JsonNode m = TestMailbin.JSON.readTree(e.data());
            assertThat(m.get("subject").asString()).isEqualTo("hello live");
            assertThat(m.get("inbox").asString()).isEqualTo("watch@public.test");
            assertThat(e.id()).isEqualTo(m.get("_id").asString());
        }
    }

    @Test
    void aPrivateInboxNeedsItsOwnersKeyInTheHeaderOrTheQuery() throws Exception {
        try (Events anonymous = Events.open(server.url("/web/live/secret@private.test"), null);
             Events bob = Events.open(server.url("/web/live/secret@private.test"), bobKey);
             Events wrong = Events.open(server.url("/web/live/secret@private.test"), "not-a-key")) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(bob.status()).isEqualTo(403);
            assertThat(wrong.status()).isEqualTo(401);
        }
        try (Events header = Events.open(server.url("/web/live/secret@private.test"), aliceKey);
             Events query = Events.open(server.url("/web/live/secret@private.test?_mailsacKey=" + aliceKey), null)) {
            assertThat(header.next().event()).isEqualTo("ready");
            assertThat(query.next().event()).isEqualTo("ready");
            send("secret@private.test", "for alice");
            assertThat(TestMailbin.JSON.readTree(header.next().data()).get("subject").asString()).isEqualTo("for alice");
            assertThat(TestMailbin.JSON.readTree(query.next().data()).get("subject").asString()).isEqualTo("for alice");
        }
    }

    @Test
    void mailThatTurnedPrivateAfterConnectingIsNotStreamedToOthers() throws Exception {
        try (Events anonymous = Events.open(server.url("/web/live/turns@private.test"), null)) {
            assertThat(anonymous.next().event()).isEqualTo("ready");
            reserve("turns@private.test", aliceKey);
            try (Events alice = Events.open(server.url("/web/live/turns@private.test"), aliceKey)) {
                assertThat(alice.next().event()).isEqualTo("ready");
                send("turns@private.test", "now private");
                assertThat(alice.next().event()).isEqualTo("message");
            }
            send("other@public.test", "elsewhere");
            assertThat(anonymous.poll(Duration.ofMillis(500))).as("nothing for the anonymous stream").isNull();
        }
    }

    @Test
    void theStreamIsOnlyForEventStreamClients() {
        HttpResponse<String> r = server.get("/web/live/watch@public.test");
        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.body()).contains("text/event-stream");
        assertThat(server.get("/web/live/not-an-address").statusCode()).isEqualTo(400);
    }

    private static void reserve(String address, String key) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/addresses/" + address)))
                .header("Mailsac-Key", key).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    static void send(String to, String subject) {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO sender.test", 250);
            assertThat(d.sendMessage("s@sender.test", List.of(to), "Subject: " + subject + "\r\n\r\nbody\r\n").code()).isEqualTo(250);
        }
    }

    record Event(String event, String data, String id) {}

    /** A server-sent event stream read line by line on a background thread. */
    static final class Events implements AutoCloseable {
        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> reader;

        private Events(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = CompletableFuture.runAsync(this::read);
        }

        static Events open(String url, String key) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
            if (key != null) {
                b.header("Mailsac-Key", key);
            }
            try {
                return new Events(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        int status() {
            return response.statusCode();
        }

        private void read() {
            String event = null;
            String id = null;
            List<String> data = new ArrayList<>();
            try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(event == null ? "message" : event, String.join("\n", data), id));
                        }
                        event = null;
                        id = null;
                        data.clear();
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        data.add(line.substring(6));
                    }
                }
            } catch (UncheckedIOException e) {
                // closed by the test
            }
        }

        Event next() throws InterruptedException {
            Event e = poll(Duration.ofSeconds(10));
            assertThat(e).as("an event within 10 s").isNotNull();
            return e;
        }

        Event poll(Duration wait) throws InterruptedException {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            response.body().close();
            reader.cancel(true);
        }
    }
}
