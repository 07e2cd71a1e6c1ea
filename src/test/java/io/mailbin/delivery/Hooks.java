package io.mailbin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.account.Caller;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Steps the delivery tests share: reserve with settings, send mail, read the delivery log. */
final class Hooks {
    private final TestMailbin server;
    private final String key;

    Hooks(TestMailbin server, String key) {
        this.server = server;
        this.key = key;
    }

    void domain(String domain, String owner) {
        server.mailbin().accounts().domains().add(new Caller(null, true), domain, owner, true, true);
    }

    void reserve(String address, String json) {
        HttpResponse<String> r = call("POST", "/api/addresses/" + address, json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    HttpResponse<String> call(String method, String path, String json) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Mailsac-Key", key).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    JsonNode json(String path) {
        HttpResponse<String> r = call("GET", path, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return TestMailbin.JSON.readTree(r.body());
    }

    void send(List<String> to, String subject, String body) {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO sender.test", 250);
            assertThat(d.sendMessage("Sender <sender@sender.test>".replaceAll(".*<|>", ""), to,
                    "From: Sender <sender@sender.test>\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + subject
                            + "\r\n\r\n" + body + "\r\n").code()).isEqualTo(250);
        }
    }
}
