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
}
