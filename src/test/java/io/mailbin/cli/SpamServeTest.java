package io.mailbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.spam.Messages;
import io.mailbin.spam.SpamCheck;
import io.mailbin.spam.SpamModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The spam-check API over a real socket on a free loopback port, driven by the JDK's HttpClient. */
class SpamServeTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static SpamModel model;
    private static SpamCheckServer server;

    @BeforeAll
    static void start() throws IOException {
        model = SpamModel.loadDefault();
        server = SpamCheckServer.start(model, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri(SpamCheckServer.PATH)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void jsonCheckGetsAVerdictWithTheLibraryScore() throws Exception {
        var check = new SpamCheck("bob@example.net", "deals@cheap-offers.biz", "FREE VIAGRA OFFER!!!",
                "CLICK HERE for FREE VIAGRA!!! Limited time offer, 100% guaranteed. Order now and save $$$");
        String body = JSON.writeValueAsString(check);

        HttpResponse<String> response = post("application/json", body.getBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode verdict = json(response);
        assertThat(verdict.get("spamminess").asDouble()).isEqualTo(model.spamminess(check));
        assertThat(verdict.get("spam").asBoolean()).isEqualTo(model.check(check).spam());
        assertThat(verdict.get("spamminess").asDouble()).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void partialJsonIsFine() throws Exception {
        HttpResponse<String> response = post("application/json; charset=utf-8", "{\"text\": \"hello there, see you at lunch\"}".getBytes());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("spamminess").asDouble()).isEqualTo(model.spamminess(new SpamCheck(null, null, null, "hello there, see you at lunch")));
    }

    @Test
    void rawMessagesAreScoredAsTheyAre() throws Exception {
        HttpResponse<String> rfc822 = post("message/rfc822", Messages.ham(4));
        HttpResponse<String> plain = post("text/plain", Messages.spam(4));

        assertThat(rfc822.statusCode()).isEqualTo(200);
        assertThat(json(rfc822).get("spamminess").asDouble()).isEqualTo(model.spamminess(Messages.ham(4)));
        assertThat(json(rfc822).get("spam").asBoolean()).isFalse();
        assertThat(json(plain).get("spamminess").asDouble()).isEqualTo(model.spamminess(Messages.spam(4)));
        assertThat(json(plain).get("spam").asBoolean()).isTrue();
    }

    @Test
    void badJsonIsA400WithAJsonMessage() throws Exception {
        HttpResponse<String> broken = post("application/json", "{\"text\": ".getBytes());
        HttpResponse<String> array = post("application/json", "[1, 2]".getBytes());
        HttpResponse<String> wrongType = post("application/json", "{\"subject\": 42}".getBytes());

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("message").asString()).startsWith("request body is not valid JSON");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).get("message").asString()).contains("must be a JSON object");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).get("message").asString()).isEqualTo("field subject must be a string");
    }

    @Test
    void otherMistakesAreJsonErrorsToo() throws Exception {
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri(SpamCheckServer.PATH)).GET());
        HttpResponse<String> elsewhere = send(HttpRequest.newBuilder(uri("/api/other")).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> pdf = post("application/pdf", new byte[] {1, 2, 3});

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(json(get).get("message").asString()).contains("use POST");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(json(elsewhere).has("message")).isTrue();
        assertThat(pdf.statusCode()).isEqualTo(415);
        assertThat(json(pdf).get("message").asString()).contains("application/pdf");
    }

    @Test
    void libraryCliAndServeCommandAgreeOnTheSameMessage(@TempDir Path dir) throws Exception {
        byte[] message = Messages.spam(21);
        Path file = Files.write(dir.resolve("m.eml"), message);
        double library = SpamModel.loadDefault().spamminess(message);
        double cli = Double.parseDouble(SpamCli.run("classify", file.toString()).out().strip());

        var out = new StringWriter();
        Thread serving = Thread.ofVirtual().start(() -> SpamCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("serve", "--port", "0", "--bind", "127.0.0.1"));
        try {
            String port = awaitPort(out);
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SpamCheckServer.PATH))
                    .header("Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofByteArray(message)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double served = JSON.readTree(response.body()).get("spamminess").asDouble();

            assertThat(cli).isEqualTo(library);
            assertThat(served).isEqualTo(library);
        } finally {
            serving.interrupt();
            serving.join(Duration.ofSeconds(10));
        }
        assertThat(serving.isAlive()).isFalse();
    }

    private static String awaitPort(StringWriter out) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var matcher = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(out.toString());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print its address: " + out);
    }
}
