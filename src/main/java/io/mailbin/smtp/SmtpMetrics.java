package io.mailbin.smtp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the SMTP listener counts: messages accepted, and every refusal by reply code and reason
 * ({@code mailbin_smtp_rejections_total{code="421",reason="queue_timeout"}}), so an operator can see
 * why senders are turned away.
 */
final class SmtpMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    SmtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("mailbin.smtp.messages.accepted")
                .description("Messages acknowledged with 250 after being stored").register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    void accepted() {
        accepted.increment();
    }

    void rejected(int code, String reason) {
        rejections.computeIfAbsent(code + " " + reason, k -> Counter.builder("mailbin.smtp.rejections")
                .description("SMTP refusals by reply code and reason")
                .tag("code", Integer.toString(code)).tag("reason", reason)
                .register(registry)).increment();
    }
}
