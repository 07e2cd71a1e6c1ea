package io.mailbin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Browser;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An inbox of 10,000 messages in the browser: the page fetches one page and is usable at once, and paging
 * with {@code until} neither skips nor repeats. The time to usable comes from the page's own
 * {@code performance.mark('mailbin:inbox-ready')} (milliseconds since navigation started, so it includes
 * loading the page, its modules and the first page of mail). It is reported in
 * {@code target/inbox-load.txt} and asserted only generously: timing on shared machines varies.
 */
class BigInboxBrowserTest {
    static final String ADDRESS = "big@mailbin.test";
    static final int MESSAGES = 10_000;
    static final int SENDERS = 8;
    static TestMailbin server;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        server = TestMailbin.start(b -> b.publicMaxMessages(0).storeSync("normal"));
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                sent.add(pool.submit(() -> send(sender)));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
        System.out.printf("filled %s with %d messages over SMTP in %d ms%n", ADDRESS, MESSAGES, (System.nanoTime() - start) / 1_000_000);
        browser = Browser.start();
    }

    private static void send(int sender) {
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO sender" + sender + ".test", 250);
            for (int i = sender; i < MESSAGES; i += SENDERS) {
                String body = "From: \"Sender " + sender + "\" <s" + sender + "@load.test>\r\nSubject: Message " + i
                        + "\r\n\r\nbody " + i + "\r\n";
                assertThat(d.sendMessage("s" + sender + "@load.test", List.of(ADDRESS), body).code()).isEqualTo(250);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.closeAndDelete();
        }
    }

    @Test
    void theInboxIsUsableAtOnceAndPagesWithoutGapsOrRepeats() {
        List<Double> times = new ArrayList<>();
        List<Object> breakdowns = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            browser.open("about:blank");
            browser.open(server.url("/#/inbox/" + ADDRESS));
            times.add(browser.mark("mailbin:inbox-ready"));
            breakdowns.add(browser.script("""
                    const nav = performance.getEntriesByType('navigation')[0];
                    const list = performance.getEntriesByType('resource').find(r => r.name.includes('/messages?limit='));
                    return `page ${Math.round(nav.responseEnd)} ms, list request ${Math.round(list.startTime)}+${Math.round(list.duration)} ms`;
                    """));
        }
        double cold = times.getFirst();
        double warm = times.subList(1, times.size()).stream().sorted().toList().get((times.size() - 1) / 2);
        String report = String.format("inbox of %d messages usable after: first load %.0f ms, then median %.0f ms (all: %s)%n"
                        + "breakdown per load: %s%n",
                MESSAGES, cold, warm, times.stream().map(t -> String.format("%.0f", t)).toList(), breakdowns);
        System.out.print(report);
        write(report);
        assertThat(warm).as("time to a usable inbox, generously").isLessThan(3000);

        assertThat(browser.findAll("ol.messages li")).hasSize(50);
        browser.await(d -> d.findElement(By.cssSelector(".count")).getText().equals("10000 messages"));
        assertThat(browser.find("ol.messages li").getText()).containsPattern("Message 99\\d\\d");

        WebElement more = browser.find("button.more");
        for (int page = 0; page < 3; page++) {
            int before = browser.findAll("ol.messages li").size();
            more.click();
            browser.await(d -> d.findElements(By.cssSelector("ol.messages li")).size() == before + 50);
        }
        @SuppressWarnings("unchecked")
        List<String> received = (List<String>) browser.script(
                "return [...document.querySelectorAll('ol.messages time')].map(t => t.getAttribute('datetime'))");
        assertThat(received).hasSize(200);
        assertThat(new HashSet<>(received)).hasSize(200);
        assertThat(IntStream.range(1, received.size()).allMatch(i -> received.get(i - 1).compareTo(received.get(i)) > 0))
                .as("newest first, strictly").isTrue();
    }

    private static void write(String report) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/inbox-load.txt"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
