package io.mailbin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} speaks Prometheus text and carries every series the README documents. */
class MetricsTest {
    static TestMailbin server;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.maxMessageSize(2048));
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void prometheusTextWithTheSmtpAndStoreSeries() {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO metrics.test", 250);
            d.sendMessage("a@metrics.test", List.of("metrics@example.com"), "Subject: m\r\n\r\nx");
            d.send("MAIL FROM:<a@metrics.test> SIZE=999999");
            d.expect(552);
        }
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(r.body()).contains(
                "mailbin_smtp_queue_waiting ",
                "mailbin_smtp_queue_wait_seconds_count ",
                "mailbin_smtp_queue_wait_seconds{quantile=\"0.99\"}",
                "mailbin_smtp_capacity ",
                "mailbin_smtp_capacity_in_use ",
                "mailbin_smtp_connections ",
                "mailbin_smtp_sessions_active ",
                "mailbin_smtp_messages_accepted_total 1.0",
                "mailbin_smtp_rejections_total{code=\"552\",reason=\"message_size\"} 1.0",
                "mailbin_store_commit_seconds_count ",
                "mailbin_store_commit_tasks_count ",
                "mailbin_store_write_backlog ",
                "jvm_memory_used_bytes");
    }
}
