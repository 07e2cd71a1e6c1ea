package io.mailbin.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mailbin.api.json.MessagePayload;
import io.mailbin.api.json.MessageView;
import io.mailbin.ingest.HeaderField;
import io.mailbin.ingest.MessageContent;
import io.mailbin.ingest.MessageParser;
import io.mailbin.ingest.ParsedMessage;
import io.mailbin.mail.MessageSummary;
import io.mailbin.store.Flags;
import io.mailbin.store.Route;
import io.mailbin.store.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cost of the web-socket frame built for every message of a subscribed address, for a 2 KB plain
 * message like smtp-source's (run with bench/jmh.sh FrameBenchmark): {@code frame} is Mailbin's (the
 * header fields kept from the ingest parse), {@code databindReference} the same JSON as frames were
 * built before: the header block parsed again, everything written by Jackson's data binding as the
 * string Jetty's {@code sendText} takes, then encoded to UTF-8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrameBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private byte[] raw;
    private ParsedMessage parsed;
    private StoredMessage copy;

    record Payload(@JsonUnwrapped MessageView message, String text, String body, String raw, Map<String, List<String>> headers) {}

    record Frame(int status, Payload email) {}

    @Setup
    public void setUp() {
        raw = ("Received: from bench.local ([127.0.0.1])\r\n\tby localhost (Mailbin) with SMTP id abc\r\n"
                + "From: <sender@bench.test>\r\nTo: <rcpt@bench.test>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000 (UTC)\r\n"
                + "Message-Id: <20261124100000.1@bench.local>\r\nSubject: bench message\r\n\r\n"
                + "La De Da de da 1.\r\nLa De Da de da 2.\r\nLa De Da de da 3.\r\nLa De Da de da 4.\r\n".repeat(26))
                .getBytes(StandardCharsets.UTF_8);
        parsed = new MessageParser().parse(raw);
        MessageSummary summary = new MessageSummary(parsed.subject(), parsed.from(), parsed.to(), parsed.cc(),
                parsed.bcc(), parsed.attachments(), parsed.links(), "127.0.0.1", "127.0.0.1", false, parsed.parseError());
        copy = new StoredMessage("0ABCDEFxyzxyzxyz-0", Route.publicInbox("rcpt@bench.test", "rcpt@bench.test", "bench.test"),
                Instant.parse("2026-11-24T10:00:00.123Z"), raw.length, summary, 0.01, new Flags("inbox", List.of(), false, null));
    }

    @Benchmark
    public byte[] frame() {
        return MessagePayload.frame(copy, parsed.text(), parsed.html(), raw, parsed.headers().fields());
    }

    @Benchmark
    public byte[] databindReference() {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (HeaderField f : new MessageContent(raw).headers()) {
            grouped.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.value());
        }
        Payload p = new Payload(MessageView.of(copy), parsed.text(), parsed.html(), new String(raw, StandardCharsets.UTF_8), grouped);
        return JSON.writeValueAsString(new Frame(200, p)).getBytes(StandardCharsets.UTF_8);
    }
}
