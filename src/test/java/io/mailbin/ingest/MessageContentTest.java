package io.mailbin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageContentTest {

    @Test
    void htmlOnlyMessagesGetATextRendering() {
        MessageContent c = new MessageContent("""
                Subject: h\r
                Content-Type: text/html\r
                \r
                <html><body><h1>Title</h1><p>First<br>second</p><ul><li>one</li><li>two</li></ul></body></html>\r
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(c.text()).isEqualTo("Title\n\nFirst\nsecond\n\none\ntwo");
    }

    @Test
    void headersKeepOrderRawFoldingAndDecodedValues() {
        MessageContent c = new MessageContent("Received: a\r\n b\r\nSubject: =?UTF-8?B?w6k=?=\r\nReceived: c\r\n\r\nx\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(c.headers()).extracting(HeaderField::name).containsExactly("Received", "Subject", "Received");
        assertThat(c.headers().get(0).raw()).isEqualTo("Received: a\r\n b");
        assertThat(c.headers().get(0).value()).isEqualTo("a b");
        assertThat(c.headers().get(1).value()).isEqualTo("é");
    }

    @Test
    void theIngestParseKeepsTheSameTopLevelHeadersAReadAgainFinds() {
        byte[] multipart = ("Received: a\r\n b\r\nSubject: =?UTF-8?B?w6k=?=\r\nX-Long: " + "y".repeat(5000) + "\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nX-Part: inner\r\n\r\n"
                + "body\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nSubject: attached\r\n\r\nx\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] unterminated = "Subject: cut\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nX-In: 1\r\n\r\nno end"
                .getBytes(StandardCharsets.UTF_8);
        for (byte[] raw : new byte[][] {multipart, unterminated}) {
            assertThat(new MessageParser().parse(raw).headers().fields()).isEqualTo(new MessageContent(raw).headers());
        }
        assertThat(new MessageParser().parse(multipart).headers().fields()).extracting(HeaderField::name)
                .containsExactly("Received", "Subject", "X-Long", "Content-Type");
    }
}
