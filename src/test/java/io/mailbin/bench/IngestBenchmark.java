package io.mailbin.bench;

import io.mailbin.ingest.MessageParser;
import io.mailbin.ingest.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of parsing one message at ingest (run with bench/jmh.sh IngestBenchmark). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {
    @Param({"plain-2k", "multipart-html-6k"})
    public String shape;

    private final MessageParser parser = new MessageParser();
    private byte[] raw;

    @Setup
    public void setUp() {
        raw = (switch (shape) {
            case "plain-2k" -> "Received: from bench.local ([127.0.0.1])\r\n\tby localhost (Mailbin) with SMTP id abc\r\n"
                    + "From: sender@bench.test\r\nTo: rcpt@bench.test\r\nSubject: bench message\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
                    + "Message-ID: <1@bench.test>\r\n\r\n" + ("0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\r\n").repeat(28);
            default -> "From: Shop <news@shop.test>\r\nTo: Ann <ann@x.test>\r\nSubject: =?UTF-8?Q?Gro=C3=9Fe?= sale\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "Big sale today at https://shop.test/sale now.\r\n".repeat(30)
                    + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>"
                    + "<p>Big <b>sale</b> today: <a href=\"https://shop.test/sale\">shop</a></p>\r\n".repeat(40) + "</body></html>\r\n--b--\r\n";
        }).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ParsedMessage parse() {
        return parser.parse(raw);
    }
}
