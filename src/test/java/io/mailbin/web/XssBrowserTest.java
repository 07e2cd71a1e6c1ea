package io.mailbin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailbin.testing.Api;
import io.mailbin.testing.Browser;
import io.mailbin.testing.SmtpDialog;
import io.mailbin.testing.TestMailbin;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * Hostile mail in a real browser. Every part a sender controls (subject, from name, headers, text, HTML,
 * attachment names and contents, including an HTML and an SVG attachment) carries script and event-handler
 * payloads from the OWASP filter-evasion cheat sheet; each payload sets {@code window.__xss} and opens a
 * dialog. Nothing may run: not in the UI, not in the mail frame, and not when the API's {@code /dirty},
 * {@code /raw}, {@code /body} and attachment URLs are opened directly.
 */
class XssBrowserTest {
    static final String ADDRESS = "victim@mailbin.test";
    static final String JS = "window.__xss=1;alert(document.domain)";
    static TestMailbin server;
    static Browser browser;
    static String id;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        server = TestMailbin.start();
        browser = Browser.start(PageLoadStrategy.NONE);
        try (SmtpDialog d = SmtpDialog.open(server.smtpPort())) {
            d.command("EHLO attacker.test", 250);
            assertThat(d.sendMessage("evil@attacker.test", List.of(ADDRESS), hostileMail()).code()).isEqualTo(250);
        }
        id = new Api(server).onlyMessageId(ADDRESS);
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
    void nothingRunsInTheUi() throws Exception {
        browser.open(server.url("/#/inbox/" + ADDRESS));
        WebElement row = browser.awaitVisible("ol.messages li");
        assertThat(row.getText()).contains("<script>").contains("onerror");
        assertNothingRan("the inbox");

        row.findElement(By.tagName("a")).click();
        browser.awaitVisible("iframe.mail");
        assertThat(browser.find("h1").getText()).contains("<img src=x onerror=");
        assertNothingRan("the message's HTML view");
        browser.find(".notice.images button").click();
        browser.await(d -> d.findElement(By.cssSelector("iframe.mail")).getAttribute("src").contains("images=1"));
        assertNothingRan("the HTML view with remote images");

        for (String tab : List.of("text", "headers", "raw", "attachments")) {
            browser.find("#tab-" + tab).click();
            browser.awaitVisible("#panel-" + tab + " > :not(.loading)");
            assertNothingRan("the " + tab + " tab");
        }
        assertThat(browser.find("#panel-attachments").getText()).contains("<img src=x onerror=").contains("evil.svg");
        for (WebElement download : browser.findAll(".attachment-list button")) {
            download.click();
        }
        assertNothingRan("downloading the attachments");
    }

    @Test
    void nothingRunsWhenTheApisContentUrlsAreOpenedDirectly() throws Exception {
        List<String> urls = new ArrayList<>(List.of(
                "/api/dirty/" + ADDRESS + "/" + id,
                "/api/body/" + ADDRESS + "/" + id,
                "/api/raw/" + ADDRESS + "/" + id,
                "/api/text/" + ADDRESS + "/" + id,
                "/api/addresses/" + ADDRESS + "/messages/" + id + "/headers?messageHeadersFormat=plain"));
        JsonNode attachments = server.json("/api/addresses/" + ADDRESS + "/messages/" + id + "/attachments");
        assertThat(attachments).hasSize(2);
        for (JsonNode a : attachments) {
            urls.add("/api/addresses/" + ADDRESS + "/messages/" + id + "/attachments/" + a.get("checksum").asString());
        }
        JsonNode view = server.json("/web/view/" + ADDRESS + "/" + id);
        urls.add(view.get("frame").asString());
        urls.add(view.get("frameWithImages").asString());
        for (String url : urls) {
            browser.open(server.url("/#/"));
            browser.open(server.url(url));
            assertNothingRan(url);
        }
    }

    @Test
    void everyResponseCarriesItsSecurityHeaders() {
        HttpResponse<String> page = server.get("/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("script-src 'self'").contains("object-src 'none'")
                .contains("frame-src 'self'").contains("base-uri 'none'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(server.get("/assets/app.js").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        JsonNode view = server.json("/web/view/" + ADDRESS + "/" + id);
        HttpResponse<String> frame = server.get(view.get("frame").asString());
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(frame.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; img-src data: cid:; "
                + "style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; "
                + "sandbox allow-popups allow-popups-to-escape-sandbox");
        assertThat(server.get(view.get("frameWithImages").asString()).headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("img-src data: cid: https: http:").contains("sandbox"));
        assertThat(frame.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(frame.body()).doesNotContain("<script").doesNotContain("onerror").doesNotContain("javascript:");
        assertThat(server.get("/web/frame/" + id + "?exp=9999999999&sig=forged").statusCode()).isEqualTo(403);

        for (String kind : List.of("dirty", "raw", "body")) {
            HttpResponse<String> r = server.get("/api/" + kind + "/" + ADDRESS + "/" + id);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(kind).hasValue("sandbox");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(kind).hasValue("nosniff");
        }
        JsonNode a = server.json("/api/addresses/" + ADDRESS + "/messages/" + id + "/attachments").get(0);
        HttpResponse<String> download = server.get("/api/addresses/" + ADDRESS + "/messages/" + id + "/attachments/"
                + a.get("checksum").asString());
        assertThat(download.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    }

    /** The control: the checks do see a script that ran, in the page, in the sandboxed mail frame, or as a dialog. */
    @Test
    void theChecksSeeAScriptThatRan() throws Exception {
        browser.open(server.url("/#/inbox/" + ADDRESS + "/" + id));
        browser.awaitVisible("iframe.mail");
        browser.script("window.__xss = 1");
        assertThatThrownBy(() -> assertNothingRan("control")).hasMessageContaining("window.__xss in control");
        browser.script("delete window.__xss");
        browser.driver().switchTo().frame(browser.find("iframe.mail"));
        browser.script("window.__xss = 1");
        browser.driver().switchTo().defaultContent();
        assertThatThrownBy(() -> assertNothingRan("control")).hasMessageContaining("window.__xss in frame 0 of control");
        browser.open(server.url("/#/"));
        browser.script("setTimeout(() => alert('control'), 0)");
        assertThatThrownBy(() -> assertNothingRan("control")).hasMessageContaining("dialog");
        browser.driver().switchTo().alert().dismiss();
    }

    /** No dialog is open and no payload's global is set, in the top document or any frame in it. */
    private static void assertNothingRan(String where) throws InterruptedException {
        Thread.sleep(300); // load-time handlers (onload, onerror, autofocus) fire within milliseconds
        assertThat(browser.openDialog()).as("a JavaScript dialog in %s", where).isNull();
        browser.driver().switchTo().defaultContent();
        assertThat(browser.script("return window.__xss")).as("window.__xss in %s", where).isNull();
        int frames = browser.findAll("iframe, frame").size();
        for (int i = 0; i < frames; i++) {
            browser.driver().switchTo().frame(i);
            assertThat(browser.script("return window.__xss")).as("window.__xss in frame %d of %s", i, where).isNull();
            browser.driver().switchTo().defaultContent();
        }
        assertThat(browser.openDialog()).as("a JavaScript dialog in %s", where).isNull();
    }

    /** One message with a payload in every place a sender controls. */
    static String hostileMail() {
        String html = String.join("\r\n",
                "<html><head><base href=\"javascript:" + JS + "//\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:" + JS + "\">",
                "<script>" + JS + "</script><style>body{background:url(\"javascript:" + JS + "\")} p{width:expression(alert(1))}</style></head>",
                "<body onload=\"" + JS + "\"><p>Hostile HTML</p>",
                "<img src=x onerror=\"" + JS + "\"><IMG SRC=JaVaScRiPt:alert('XSS')><IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
                "<img src=\"jav&#x09;ascript:alert('XSS');\"><IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
                "<svg onload=\"" + JS + "\"><script>" + JS + "</script><a xlink:href=\"javascript:" + JS + "\"><text x=\"20\" y=\"20\">svg link</text></a>",
                "<animate attributeName=\"href\" values=\"javascript:" + JS + "\"/></svg>",
                "<a href=\"javascript:" + JS + "\" id=\"js-link\">click me</a> <a href=\"  JaVaScRiPt:" + JS + "\">again</a>",
                "<iframe src=\"javascript:" + JS + "\"></iframe><iframe srcdoc=\"<script>" + JS.replace("\"", "&quot;") + "</script>\"></iframe>",
                "<object data=\"data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTthbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
                "<embed src=\"data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTthbGVydCgxKTwvc2NyaXB0Pg==\">",
                "<details open ontoggle=\"" + JS + "\"><summary>x</summary></details><input autofocus onfocus=\"" + JS + "\">",
                "<video><source onerror=\"" + JS + "\"></video><audio src=x onerror=\"" + JS + "\"></audio>",
                "<math><mtext><table><mglyph><style><img src=x onerror=\"" + JS + "\"></style></mglyph></table></mtext></math>",
                "<form action=\"javascript:" + JS + "\"><button formaction=\"javascript:" + JS + "\">go</button></form>",
                "<div style=\"background-image:url(javascript:" + JS + ")\">style</div><marquee onstart=\"" + JS + "\">m</marquee>",
                "<img src=\"cid:evil-svg\"> <img src=\"https://tracker.attacker.test/pixel.gif\">",
                "</body></html>");
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"" + JS + "\"><script>" + JS + "</script>"
                + "<image href=\"x\" onerror=\"" + JS + "\"/></svg>";
        return String.join("\r\n",
                "From: \"<img src=x onerror=" + JS + ">\" <evil@attacker.test>",
                "To: \"<svg onload=" + JS + ">\" <" + ADDRESS + ">",
                "Subject: <img src=x onerror=" + JS + "><script>" + JS + "</script>",
                "X-Evil: <script>" + JS + "</script>",
                "Reply-To: \"javascript:" + JS + "\" <a@attacker.test>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"outer\"",
                "",
                "--outer",
                "Content-Type: multipart/alternative; boundary=\"alt\"",
                "",
                "--alt",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "<script>" + JS + "</script> plain text",
                "--alt",
                "Content-Type: text/html; charset=utf-8",
                "",
                html,
                "--alt--",
                "--outer",
                "Content-Type: text/html; name=\"<img src=x onerror=" + JS + ">.html\"",
                "Content-Disposition: attachment; filename=\"<img src=x onerror=" + JS + ">.html\"",
                "",
                "<html><body><script>" + JS + "</script><img src=x onerror=\"" + JS + "\"></body></html>",
                "--outer",
                "Content-Type: image/svg+xml; name=\"evil.svg\"",
                "Content-Disposition: attachment; filename=\"evil.svg\"",
                "Content-ID: <evil-svg>",
                "",
                svg,
                "--outer--",
                "");
    }
}
