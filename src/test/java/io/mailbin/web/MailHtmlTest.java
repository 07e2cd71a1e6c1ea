package io.mailbin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The rewrite of a message's HTML for the mail frame, and the frame's signed links. */
class MailHtmlTest {

    @Test
    void remoteImagesAreBlockedAndCountedUntilAllowed() {
        String html = "<p style=\"background:url('https://t.test/bg.png')\">hi</p>"
                + "<img src=\"https://t.test/pixel.gif\" alt=\"pixel\"><img src=\"data:image/png;base64,AAAA\" alt=\"inline\">"
                + "<table background=\"http://t.test/b.png\"><tr><td>x</td></tr></table>";
        MailHtml.Rendered blocked = MailHtml.render(html, false);
        assertThat(blocked.remoteImages()).isEqualTo(3);
        assertThat(blocked.html()).doesNotContain(" src=\"https://t.test/pixel.gif\"").doesNotContain(" background=")
                .contains("data-blocked-src=\"https://t.test/pixel.gif\"").contains("src=\"data:image/png;base64,AAAA\"");
        MailHtml.Rendered allowed = MailHtml.render(html, true);
        assertThat(allowed.html()).contains("src=\"https://t.test/pixel.gif\"").contains("background=\"http://t.test/b.png\"");
    }

    @Test
    void activeContentIsRemovedAndLinksOpenOutsideTheFrame() {
        String html = "<base href=\"https://evil.test/\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.test\">"
                + "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=1\"><svg onload=\"window.__xss=1\"><set attributeName=href to=javascript:alert(1) /></svg>"
                + "<a href=\"jav&#x09;ascript:alert(1)\">bad</a><a href=\"https://ok.test/confirm\">confirm</a>"
                + "<iframe src=\"https://evil.test\"></iframe><object data=\"x.swf\"></object><form action=\"https://evil.test\"><button formaction=\"https://evil.test\">go</button></form>"
                + "<style>p{color:red}</style>";
        String out = MailHtml.render(html, true).html();
        assertThat(out.toLowerCase()).doesNotContain("<script").doesNotContain("onerror").doesNotContain("onload")
                .doesNotContain("javascript").doesNotContain("<base").doesNotContain("<meta").doesNotContain("<iframe")
                .doesNotContain("<object").doesNotContain("evil.test").doesNotContain("<set");
        assertThat(out).contains("<a href=\"https://ok.test/confirm\" target=\"_blank\" rel=\"noopener noreferrer\">confirm</a>")
                .contains("<a>bad</a>").contains("<style>p{color:red}</style>");
    }

    @Test
    void markupHiddenInForeignContentOrCssDoesNotSurvive() {
        String html = "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>"
                + "<svg><style><img src=x onerror=alert(2)></style></svg>"
                + "<style>body{background:url(\"javascript:alert(3)\")} p{width:expression(alert(4))}</style>"
                + "<div style=\"background-image:url(javascript:alert(5))\">x</div>";
        String out = MailHtml.render(html, true).html();
        assertThat(out).doesNotContain("onerror").doesNotContain("<math").doesNotContain("<svg")
                .doesNotContain("javascript").doesNotContain("expression");
    }

    @Test
    void textOnlyMailIsEscaped() {
        assertThat(MailHtml.fromText("<script>alert(1)</script> & more")).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    }

    @Test
    void frameLinksAreBoundToOneMessageAndExpire() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        FrameLinks links = new FrameLinks(Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC));
        String link = links.link("abc-0");
        String exp = link.replaceAll(".*exp=(\\d+).*", "$1");
        String sig = link.replaceAll(".*sig=([^&]+).*", "$1");
        assertThat(links.valid("abc-0", exp, sig)).isTrue();
        assertThat(links.valid("abc-1", exp, sig)).isFalse();
        assertThat(links.valid("abc-0", Long.toString(Long.parseLong(exp) + 1), sig)).isFalse();
        assertThat(links.valid("abc-0", exp, null)).isFalse();
        FrameLinks later = new FrameLinks(Duration.ofMinutes(10), Clock.fixed(now.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
        assertThat(later.valid("abc-0", exp, sig)).as("another process's key").isFalse();
    }
}
