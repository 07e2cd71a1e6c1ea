package io.mailbin.bench;

import io.mailbin.testing.SmtpDialog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark probe (run by bench/run.sh, not a test): time from the client receiving the 250 after DATA
 * to the message appearing in the API's inbox listing. Each probe mails a fresh inbox and polls it.
 *
 * <p>Usage: {@code ListedLatency SMTP_PORT HTTP_PORT PROBES}; prints {@code median_ms p99_ms}.
 */
public final class ListedLatency {
    public static void main(String[] args) throws Exception {
        int smtp = Integer.parseInt(args[0]);
        int http = Integer.parseInt(args[1]);
        int probes = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        double[] ms = new double[probes];
        String run = Long.toString(System.nanoTime(), 36);
        try (SmtpDialog d = SmtpDialog.open(smtp)) {
            d.command("EHLO probe.local", 250);
            for (int i = 0; i < probes; i++) {
                String inbox = "probe-" + run + "-" + i + "@bench.test";
                d.sendMessage("probe@bench.test", List.of(inbox), "Subject: probe " + i + "\r\n\r\n" + "x".repeat(2000));
                long acked = System.nanoTime();
                HttpRequest poll = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/addresses/" + inbox + "/messages")).build();
                while (true) {
                    HttpResponse<String> r = client.send(poll, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("probe " + i)) {
                        break;
                    }
                    Thread.sleep(0, 200_000);
                }
                ms[i] = (System.nanoTime() - acked) / 1e6;
                Thread.sleep(5);
            }
        }
        Arrays.sort(ms);
        System.out.printf("%.2f %.2f%n", ms[probes / 2], ms[Math.min(probes - 1, (int) Math.ceil(probes * 0.99) - 1)]);
    }
}
