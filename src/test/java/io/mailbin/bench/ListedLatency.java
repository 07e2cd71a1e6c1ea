package io.mailbin.bench;

import io.mailbin.testing.SmtpDialog;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark probe (run by bench/run.sh, not a test): time from the client receiving the 250 after DATA
 * to the message appearing in the API's inbox listing. Each probe mails a fresh inbox and polls it.
 *
 * <p>The polls go over one kept-alive HTTP/1.1 connection written and read by hand: a general client
 * (the JDK's, with its selector thread and a JIT that never warms up in a few hundred requests) added
 * several milliseconds of its own to every figure. The first {@code PROBES} probes warm both sides up
 * and are not counted.
 *
 * <p>Usage: {@code ListedLatency SMTP_PORT HTTP_PORT PROBES}; prints {@code median_ms p99_ms}.
 */
public final class ListedLatency {
    public static void main(String[] args) throws Exception {
        int smtp = Integer.parseInt(args[0]);
        int http = Integer.parseInt(args[1]);
        int probes = Integer.parseInt(args[2]);
        double[] ms = new double[probes];
        String run = Long.toString(System.nanoTime(), 36);
        try (SmtpDialog d = SmtpDialog.open(smtp); Socket api = new Socket("127.0.0.1", http)) {
            api.setTcpNoDelay(true);
            OutputStream out = api.getOutputStream();
            InputStream in = new BufferedInputStream(api.getInputStream());
            d.command("EHLO probe.local", 250);
            for (int i = -probes; i < probes; i++) {
                String inbox = "probe-" + run + "-" + (i + probes) + "@bench.test";
                String subject = "probe " + (i + probes);
                d.sendMessage("probe@bench.test", List.of(inbox), "Subject: " + subject + "\r\n\r\n" + "x".repeat(2000));
                long acked = System.nanoTime();
                byte[] get = ("GET /api/addresses/" + inbox + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(get);
                    out.flush();
                    if (body(in).contains("\"" + subject + "\"")) {
                        break;
                    }
                    Thread.sleep(0, 200_000);
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - acked) / 1e6;
                }
                Thread.sleep(5);
            }
        }
        Arrays.sort(ms);
        System.out.printf("%.2f %.2f%n", ms[probes / 2], ms[Math.min(probes - 1, (int) Math.ceil(probes * 0.99) - 1)]);
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked) and returns its body. */
    private static String body(InputStream in) throws IOException {
        long length = -1;
        boolean chunked = false;
        String line;
        String status = readLine(in);
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP response: " + status);
        }
        while (!(line = readLine(in)).isEmpty()) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size; (size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
            readLine(in);
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            throw new IOException("response without a length: " + status);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }
}
