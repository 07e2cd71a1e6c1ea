package io.mailbin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Api;
import io.mailbin.testing.Browser;
import io.mailbin.testing.Mails;
import io.mailbin.testing.TestMailbin;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The web inbox in headless Chromium against a real server: mail sent over SMTP appears without a reload,
 * opens, shows every view, downloads its attachment byte for byte and is deleted; with a key, an address
 * is reserved, its forwarding edited and released. Screenshots go to {@code target/screenshots}.
 */
class WebInboxBrowserTest {
    static final Path SHOTS = Path.of(System.getProperty("mailbin.screenshots", "target/screenshots"));
    static TestMailbin server;
    static Browser browser;
    static String aliceKey;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        server = TestMailbin.start(b -> b.publicDomains(List.of("mailbin.test")));
        aliceKey = server.createAccount("alice");
        browser = Browser.start();
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
    void newMailAppearsLiveOpensInEveryViewDownloadsAndIsDeleted() throws Exception {
        String address = "qa-signup@mailbin.test";
        Session session = Mails.session(server.smtpPort());
        Mails.send(Mails.simple(session, "Staging <noreply@staging.acme.test>", address, "Your one-time code is 482913", "482913"));
        Mails.send(Mails.simple(session, "Acme Billing <billing@acme.test>", address, "Invoice INV-2026-0117 for November", "Attached."));
        Mails.send(Mails.simple(session, "ci@builds.test", address, "[ci] main: 214 tests, 0 failures", "ok"));
        browser.open(server.url("/"));
        browser.script("localStorage.clear()");
        WebElement input = browser.awaitVisible("#address");
        input.sendKeys(address);
        input.submit();
        browser.awaitVisible(".live[data-state=live]");
        assertThat(browser.find("h1").getText()).contains(address);
        browser.script("window.__sameDocument = true");

        Mails.send(Mails.simple(session, "Build Bot <ci@builds.test>", address, "Nightly build #41 passed", "All green."));
        byte[] attachment = new byte[3000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31);
        }
        Mails.send(welcome(session, address, attachment));

        WebElement row = browser.await(d -> d.findElements(By.cssSelector("ol.messages li")).stream()
                .filter(li -> li.getText().contains("Confirm your email address")).findFirst().orElse(null));
        assertThat(browser.script("return window.__sameDocument")).as("no reload").isEqualTo(true);
        assertThat(row.getText()).contains("Acme Accounts").contains("1 attachment");
        assertThat(browser.findAll("ol.messages li")).hasSize(5);
        assertThat(browser.find(".count").getText()).isEqualTo("5 messages");
        browser.screenshot(SHOTS.resolve("inbox.png"));

        row.findElement(By.tagName("a")).click();
        browser.await(d -> d.findElement(By.tagName("h1")).getText().equals("Confirm your email address"));
        assertThat(browser.find("dl.facts").getText()).contains("Acme Accounts <hello@acme.test>").contains(address);

        // HTML: in a sandboxed frame, remote image blocked until asked
        WebElement frame = browser.awaitVisible("iframe.mail");
        assertThat(frame.getAttribute("sandbox")).isEqualTo("allow-popups allow-popups-to-escape-sandbox");
        assertThat(frame.getAttribute("src")).contains("/web/frame/").doesNotContain("images=1");
        assertThat(browser.find(".notice.images").getText()).contains("Remote images are blocked (1)");
        browser.driver().switchTo().frame(frame);
        String frameText = browser.await(d -> d.findElement(By.tagName("body")).getText());
        assertThat(frameText).contains("Welcome to Acme");
        assertThat(browser.driver().findElement(By.tagName("img")).getAttribute("src")).isNullOrEmpty();
        assertThat(browser.driver().findElement(By.linkText("Confirm my address")).getAttribute("target")).isEqualTo("_blank");
        browser.driver().switchTo().defaultContent();
        browser.screenshot(SHOTS.resolve("message.png"));
        browser.find(".notice.images button").click();
        assertThat(browser.find("iframe.mail").getAttribute("src")).contains("images=1");

        // the tabs, by mouse and by keyboard
        browser.find("#tab-text").click();
        assertThat(browser.awaitVisible("pre.text").getText()).contains("Welcome to Acme, confirm your address");
        browser.find("#tab-text").sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.find("#tab-headers").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.awaitVisible("table.headers").getText()).contains("subject").contains("x-campaign");
        browser.find("#tab-raw").click();
        assertThat(browser.awaitVisible("pre.raw").getText()).contains("Subject: Confirm your email address").contains("Received:");
        browser.find("#tab-attachments").click();
        WebElement download = browser.awaitVisible(".attachment-list button");
        assertThat(browser.find(".attachment-list").getText()).contains("report.bin").contains("2.9 KB");
        download.click();
        assertThat(browser.downloaded("report.bin")).isEqualTo(attachment);

        // delete, confirmed
        browser.find(".confirm button.danger").click();
        browser.awaitVisible(".confirm-ask button.danger").click();
        browser.await(d -> d.getCurrentUrl().endsWith("#/inbox/" + address.replace("@", "%40")));
        browser.await(d -> d.findElements(By.cssSelector("ol.messages li")).size() == 4);
        assertThat(new Api(server).count(address)).isEqualTo(4);
        assertThat(browser.openDialog()).isNull();
    }

    @Test
    void theHomePageOffersARandomAddressOnThePublicDomain() {
        browser.open(server.url("/"));
        browser.awaitVisible("section.random button").click();
        browser.awaitVisible(".live[data-state=live]");
        assertThat(browser.find("h1 .address").getText()).matches("[a-z0-9]{10}@mailbin\\.test");
    }

    @Test
    void withAKeyAnAddressIsReservedItsForwardingEditedAndReleased() {
        browser.open(server.url("/#/account"));
        browser.awaitVisible("#api-key").sendKeys(aliceKey, Keys.ENTER);
        browser.await(d -> d.findElement(By.tagName("h1")).getText().equals("Account alice"));

        browser.awaitVisible("#reserve-address").sendKeys("builds@private.test", Keys.ENTER);
        WebElement card = browser.await(d -> d.findElements(By.cssSelector("li.card[data-address='builds@private.test']"))
                .stream().findFirst().orElse(null));
        card.findElement(By.tagName("summary")).click();
        card.findElement(By.name("forward")).sendKeys("team@elsewhere.test");
        card.findElement(By.name("enablews")).click();
        card.findElement(By.name("webhook")).sendKeys("https://hooks.example.com/mailbin");
        card.findElement(By.name("webhookSlack")).sendKeys("https://hooks.slack.com/services/T0/B0/x");
        card.findElement(By.cssSelector("form.forwarding button[type=submit]")).click();
        browser.await(d -> card.findElement(By.cssSelector("form.forwarding .action-status")).getText().equals("Saved."));
        JsonNode saved = keyed("/api/addresses/builds@private.test");
        assertThat(saved.get("forward").asString()).isEqualTo("team@elsewhere.test");
        assertThat(saved.get("enablews").asBoolean()).isTrue();
        assertThat(saved.get("webhook").asString()).isEqualTo("https://hooks.example.com/mailbin");
        assertThat(saved.get("webhookSlack").asString()).isEqualTo("https://hooks.slack.com/services/T0/B0/x");

        // the private inbox is live for its owner
        card.findElement(By.cssSelector("h3 a")).click();
        browser.awaitVisible(".live[data-state=live]");
        browser.driver().navigate().back();

        WebElement again = browser.await(d -> d.findElements(By.cssSelector("li.card[data-address='builds@private.test']"))
                .stream().findFirst().orElse(null));
        again.findElement(By.cssSelector(".confirm button.danger")).click();
        browser.awaitVisible("li.card[data-address='builds@private.test'] .confirm-ask button.danger").click();
        browser.await(d -> d.findElements(By.cssSelector("li.card[data-address='builds@private.test']")).isEmpty());
        assertThat(keyed("/api/addresses/builds@private.test/availability").get("available").asBoolean()).isTrue();

        // a domain of my own, and its catch-all
        browser.find("#add-domain").sendKeys("alice-builds.test", Keys.ENTER);
        WebElement toggle = browser.await(d -> d.findElements(By.xpath("//li[h3='alice-builds.test']//button"))
                .stream().filter(b -> b.getText().equals("Turn catch-all on")).findFirst().orElse(null));
        toggle.click();
        browser.await(d -> d.findElements(By.linkText("*@alice-builds.test")).size() == 1);
        assertThat(keyed("/api/domains/alice-builds.test").get("catchAllAddress").get("_id").asString()).isEqualTo("*@alice-builds.test");

        browser.script("localStorage.clear()");
    }

    @Test
    void theAccountPageShowsTheDeliveryLogWithWhyAHookFailed() {
        HttpResponse<String> reserved = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/addresses/hooked@private.test")))
                .header("Mailsac-Key", aliceKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"webhook\":\"http://127.0.0.1:9/internal\"}")).build());
        assertThat(reserved.statusCode()).isEqualTo(200);
        try (io.mailbin.testing.SmtpDialog d = io.mailbin.testing.SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO ui.test", 250);
            assertThat(d.sendMessage("s@ui.test", List.of("hooked@private.test"), "Subject: hooked\r\n\r\nx\r\n").code()).isEqualTo(250);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                keyed("/api/addresses/hooked@private.test/deliveries").path(0).path("state").asString("").equals("failed"));
        browser.open(server.url("/#/account"));
        browser.driver().navigate().refresh(); // the page may already show #/account from an earlier test
        WebElement shown = browser.await(d -> d.findElements(By.cssSelector("#api-key, #deliveries-heading")).stream().findFirst().orElse(null));
        if ("api-key".equals(shown.getAttribute("id"))) {
            shown.sendKeys(aliceKey, Keys.ENTER);
        }
        String log = browser.await(d -> {
            Object text = browser.script("const t = document.querySelector('table.deliveries'); return t ? t.textContent : null");
            return text != null && text.toString().contains("hooked@private.test") ? text.toString() : null;
        });
        assertThat(log).contains("webhook", "http://127.0.0.1:9/internal", "failed", "refused");
        browser.script("localStorage.clear()");
    }

    @Test
    void everyPageFitsAPhoneAndLabelsItsControls() throws Exception {
        String address = "phone@mailbin.test";
        Mails.send(welcome(Mails.session(server.smtpPort()), address, new byte[10]));
        String id = new Api(server).onlyMessageId(address);
        browser.size(390, 844);
        try {
            browser.open(server.url("/"));
            browser.script("localStorage.clear()");
            checkPage("home", "#address");
            browser.open(server.url("/#/inbox/" + address));
            checkPage("inbox", "ol.messages li");
            browser.screenshot(SHOTS.resolve("phone-inbox.png"));
            browser.open(server.url("/#/inbox/" + address + "/" + id));
            checkPage("message", "iframe.mail");
            browser.screenshot(SHOTS.resolve("phone-message.png"));
            browser.open(server.url("/#/account"));
            checkPage("key form", "#api-key");
            browser.find("#api-key").sendKeys(aliceKey, Keys.ENTER);
            browser.await(d -> d.findElement(By.tagName("h1")).getText().equals("Account alice"));
            browser.awaitVisible("#reserve-address").sendKeys("phone-owned@private.test", Keys.ENTER);
            browser.awaitVisible("li.card summary").click();
            checkPage("account", "li.card");
            browser.script("localStorage.clear()");
        } finally {
            browser.size(1280, 900);
        }
    }

    /** No sideways scrolling at phone width; one h1; every control has an accessible name. */
    private static void checkPage(String page, String ready) {
        browser.awaitVisible(ready);
        assertThat((Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("horizontal overflow of the %s page, in px", page).isLessThanOrEqualTo(0L);
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) browser.script("""
                const problems = [];
                if (!document.documentElement.lang) problems.push('no lang');
                if (document.querySelectorAll('h1').length !== 1) problems.push('h1 count ' + document.querySelectorAll('h1').length);
                for (const el of document.querySelectorAll('input, select, textarea')) {
                  if (el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label')) problems.push('unlabelled ' + el.outerHTML);
                }
                for (const el of document.querySelectorAll('button, a[href]')) {
                  if (!el.hidden && !el.closest('[hidden]') && !(el.textContent.trim() || el.getAttribute('aria-label'))) problems.push('nameless ' + el.outerHTML);
                }
                for (const el of document.querySelectorAll('img:not([alt]), iframe:not([title])')) problems.push('no alt/title ' + el.outerHTML);
                return problems;
                """);
        assertThat(problems).as("accessibility problems on the %s page", page).isEmpty();
    }

    private static JsonNode keyed(String path) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Mailsac-Key", aliceKey).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestMailbin.JSON.readTree(r.body());
    }

    /** A sign-up mail as services send them: text and HTML alternatives, a remote tracking image, an attachment. */
    static MimeMessage welcome(Session session, String to, byte[] attachment) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("hello@acme.test", "Acme Accounts", "UTF-8"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject("Confirm your email address", "UTF-8");
        m.setHeader("X-Campaign", "signup-confirm");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Welcome to Acme, confirm your address: https://acme.test/confirm?t=123", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body style=\"font-family:sans-serif\"><h2 style=\"color:#0b57d0\">Welcome to Acme</h2>"
                + "<p>Please confirm your address to finish signing up.</p>"
                + "<p><a href=\"https://acme.test/confirm?t=123\" style=\"background:#0b57d0;color:#fff;padding:8px 14px;"
                + "border-radius:4px;text-decoration:none\">Confirm my address</a></p>"
                + "<img src=\"https://tracker.acme.test/open.gif\" alt=\"\" width=\"1\" height=\"1\"></body></html>",
                "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        file.setFileName("report.bin");
        m.setContent(new MimeMultipart(body, file));
        return m;
    }
}
