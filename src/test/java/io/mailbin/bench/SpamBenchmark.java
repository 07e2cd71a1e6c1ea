package io.mailbin.bench;

import io.mailbin.spam.SpamModel;
import io.mailbin.spam.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the spam classifier with the shipped model: scoring a typical 5 KB message (plain
 * text, and multipart with HTML), tokenizing alone, and training throughput.
 *
 * <pre>
 * ./mvnw -q -o test-compile
 * ./mvnw -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main SpamBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpamBenchmark {
    private static final List<String> WORDS = List.of(
            "the", "meeting", "release", "server", "please", "review", "attached", "report", "thanks", "tomorrow",
            "offer", "free", "click", "here", "money", "project", "deadline", "update", "version", "install",
            "customer", "account", "order", "shipping", "price", "discount", "list", "mailing", "unsubscribe", "linux",
            "kernel", "patch", "build", "test", "failure", "success", "weekend", "lunch", "coffee", "schedule");

    private static final List<String> RARE_WORDS = rareWords();

    private SpamModel model;
    private SpamModel trainee;
    private Tokenizer tokenizer;
    private byte[] plain;
    private byte[] html;
    private byte[][] trainingMessages;
    private int next;

    @Setup
    public void setUp() {
        model = SpamModel.loadDefault();
        trainee = SpamModel.loadDefault();
        tokenizer = Tokenizer.standard();
        plain = plainMessage(1, 5_000);
        html = htmlMessage(2, 5_000);
        trainingMessages = new byte[64][];
        for (int i = 0; i < trainingMessages.length; i++) {
            trainingMessages[i] = plainMessage(100 + i, 5_000);
        }
    }

    @Benchmark
    public double classifyPlain5k() {
        return model.spamminess(plain);
    }

    @Benchmark
    public double classifyHtml5k() {
        return model.spamminess(html);
    }

    @Benchmark
    public int tokenizePlain5k() {
        return tokenizer.tokenize(plain).size();
    }

    /** One training of a 5 KB message into a model of 4,871 messages; ops/s is the training throughput. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public SpamModel train5k() {
        byte[] message = trainingMessages[next++ & 63];
        trainee.train(message, (next & 1) == 0);
        return trainee;
    }

    private static List<String> rareWords() {
        var random = new SplittableRandom(2002);
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        return java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> {
            var word = new StringBuilder();
            int length = 3 + random.nextInt(8);
            for (int c = 0; c < length; c++) {
                word.append(letters.charAt((int) Math.floor(Math.pow(random.nextDouble(), 2) * letters.length())));
            }
            return word.toString();
        }).toList();
    }

    static byte[] plainMessage(int seed, int size) {
        String headers = headers(seed, "text/plain; charset=us-ascii");
        return (headers + "\r\n" + text(seed, size - headers.length())).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] htmlMessage(int seed, int size) {
        String headers = headers(seed, "multipart/alternative; boundary=\"b1\"");
        int half = (size - headers.length()) / 3;
        String text = text(seed, half);
        String body = "--b1\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n--b1\r\nContent-Type: text/html\r\n\r\n"
                + "<html><body><table><tr><td><font size=2>" + text.replace("\r\n", "<br>\r\n")
                + "<a href=\"http://www.example.com/offer?id=" + seed + "\">click here</a></font></td></tr></table></body></html>"
                + "\r\n--b1--\r\n";
        return (headers + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static String headers(int seed, String contentType) {
        return "Return-Path: <sender" + seed + "@example.org>\r\n"
                + "Received: from mail.example.org (mail.example.org [192.0.2." + (seed % 250) + "])\r\n"
                + "\tby mx.example.net (Postfix) with ESMTP id 4F2A1; Mon, 2 Sep 2002 10:15:00 +0100\r\n"
                + "From: Sender " + seed + " <sender" + seed + "@example.org>\r\n"
                + "To: someone@example.net\r\n"
                + "Subject: weekly project update number " + seed + "\r\n"
                + "Date: Mon, 2 Sep 2002 10:15:00 +0100\r\n"
                + "Message-ID: <20020902." + seed + "@mail.example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n";
    }

    /** Half common words, half drawn from 2,000 rarer ones: about 300 distinct tokens, like real mail. */
    private static String text(int seed, int size) {
        var random = new SplittableRandom(seed);
        var text = new StringBuilder(size + 20);
        int line = 0;
        while (text.length() < size) {
            String word = random.nextBoolean() ? WORDS.get(random.nextInt(WORDS.size())) : RARE_WORDS.get(random.nextInt(RARE_WORDS.size()));
            text.append(word);
            line += word.length() + 1;
            if (line > 70) {
                text.append("\r\n");
                line = 0;
            } else {
                text.append(' ');
            }
        }
        return text.toString();
    }
}
