package io.mailbin.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Api;
import io.mailbin.testing.Mails;
import io.mailbin.testing.TestMailbin;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official Mailsac npm client, {@code @mailsac/api} 1.0.8, against a running server (DESIGN.md §9): the
 * proof that existing Mailsac users can switch by changing the base URL. The Node side lives in
 * {@code src/test/node}; its script checks every call's result and prints a one-line JSON summary.
 */
class OfficialClientTest {
    static final Path NODE_PROJECT = Path.of("src", "test", "node").toAbsolutePath();
    static final String INBOX = "official@client.test";

    static TestMailbin server;

    @BeforeAll
    static void start() {
        installClient();
        server = TestMailbin.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.closeAndDelete();
        }
    }

    /** {@code npm ci} from the committed lockfile, once per checkout (node_modules is git-ignored). */
    static void installClient() {
        if (Files.isDirectory(NODE_PROJECT.resolve("node_modules/@mailsac/api"))) {
            return;
        }
        Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
        assertThat(npm.exit()).as("npm ci in %s failed:\n%s", NODE_PROJECT, npm.stderr()).isZero();
    }

    @Test
    void theOfficialClientReadsListsAndDeletesMail() throws Exception {
        Mails.send(Mails.simple(Mails.session(server.smtpPort()), "sender@official.test", INBOX, "Older message", "older"));
        Mails.send(newestMessage());
        Api api = new Api(server);
        JsonNode list = api.messages(INBOX);
        String newest = list.get(0).get("_id").asString();
        String older = list.get(1).get("_id").asString();
        int size = list.get(0).get("size").asInt();

        Result node = run(List.of("node", "official-client.js"),
                Map.of("MAILBIN_API_URL", server.url("/api"), "MAILBIN_INBOX", INBOX,
                        "MAILBIN_KEY", server.createAccount("official-client")), 60);

        assertThat(node.exit()).as("node official-client.js failed:\n%s\n%s", node.stdout(), node.stderr()).isZero();
        List<String> lines = node.stdout().lines().toList();
        assertThat(lines).isNotEmpty();
        assertThat(TestMailbin.JSON.readTree(lines.getLast())).isEqualTo(TestMailbin.JSON.readTree(
                "{\"listed\":2,\"newest\":\"" + newest + "\",\"deleted\":\"" + older + "\",\"remaining\":1,"
                        + "\"attachment\":\"" + SendWithAngusMailTest.md5("hello attachment\r\n".getBytes(StandardCharsets.US_ASCII))
                        + "\",\"size\":" + size + "}"));
        // what the script deleted is gone for every client
        assertThat(api.count(INBOX)).isEqualTo(1);
        assertThat(api.onlyMessageId(INBOX)).isEqualTo(newest);
    }

    /** The message the script inspects in depth: text and HTML bodies plus one attachment. */
    private static MimeMessage newestMessage() throws Exception {
        MimeMessage m = new MimeMessage(Mails.session(server.smtpPort()));
        m.setFrom(new InternetAddress("sender@official.test", "Official Sender"));
        m.setRecipients(Message.RecipientType.TO, INBOX);
        m.setSubject("Official client ✓", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello from the official client test: https://example.com/official", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hello from the <b>official</b> client test.</p><script>alert(1)</script>", "text/html; charset=UTF-8");
        MimeBodyPart alternative = new MimeBodyPart();
        alternative.setContent(new MimeMultipart("alternative", text, html));
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(
                "hello attachment\r\n".getBytes(StandardCharsets.US_ASCII), "text/plain")));
        file.setFileName("hello.txt");
        m.setContent(new MimeMultipart("mixed", alternative, file));
        return m;
    }

    record Result(int exit, String stdout, String stderr) {}

    /** Runs a command in the Node project with a time limit; the process is killed when it overruns. */
    static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_PROJECT.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + " (is Node.js on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
