package io.mailbin.spam;

import static io.mailbin.spam.Messages.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private final Tokenizer tokenizer = Tokenizer.standard();

    @Test
    void plainMessageGivesBodyWordsAndPrefixedHeaderTokens() {
        List<String> tokens = tokenizer.tokenize(Messages.ham(0));

        assertThat(tokens).contains("patch", "repository", "yesterday", "subject:build", "subject:reply",
                "from:addr:alice@example.org", "from:domain:example.org", "from:name:alice",
                "to:domain:example.net", "user-agent:mutt/1.4i", "header:user-agent", "date:zone:+0100",
                "message-id:@mail.example.org");
        assertThat(tokens).doesNotContain("hi", "subject:Re:");
    }

    @Test
    void javascriptPropertyNamesAreOrdinaryWords() {
        List<String> tokens = tokenizer.tokenize(raw("""
                Subject: constructor

                constructor __proto__ hasOwnProperty toString valueOf
                """));

        assertThat(tokens).contains("subject:constructor", "constructor", "__proto__", "hasownproperty", "tostring", "valueof");
    }

    @Test
    void mboxFromLineIsNotAHeader() {
        List<String> tokens = tokenizer.tokenize(raw("""
                From someone@example.com  Mon Jun 24 17:04:44 2002
                Subject: hello there

                body words here
                """));

        assertThat(tokens).contains("subject:hello", "body", "words", "here");
        assertThat(tokens).noneMatch(token -> token.contains("someone"));
    }

    @Test
    void quotedPrintableAndBase64TextPartsAreDecodedWithTheirCharset() {
        String base64 = Base64.getMimeEncoder().encodeToString("gratuit r\u00e9duction".getBytes(StandardCharsets.UTF_8));
        List<String> tokens = tokenizer.tokenize(raw("""
                Subject: =?ISO-8859-1?Q?caf=E9?=
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="XYZ"

                --XYZ
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                Cr=E8me br=FBl=E9e and a soft=
                break
                --XYZ
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                %s
                --XYZ--
                """.formatted(base64)));

        assertThat(tokens).contains("subject:caf\u00e9", "cr\u00e8me", "br\u00fbl\u00e9e", "softbreak",
                "gratuit", "r\u00e9duction", "part:text/plain", "charset:iso-8859-1",
                "content-transfer-encoding:base64", "content-type:multipart/alternative", "boundary:A");
    }

    @Test
    void htmlIsReducedToTextWithItsLinksAsUrlTokens() {
        List<String> tokens = tokenizer.tokenize(raw("""
                Subject: offer
                Content-Type: text/html

                <html><body><p>Hello <b>wonderful</b> world</p>
                <a href="https://www.shop.example.com/buy/now?x=1">cheap pills</a><img src="http://10.1.2.3/pixel.gif">
                <script>var hidden = 1;</script></body></html>
                """));

        assertThat(tokens).contains("hello", "wonderful", "world", "cheap", "pills",
                "proto:https", "url:www.shop.example.com", "url:example.com", "url:.com", "url:buy", "url:now",
                "url:ip", "html:img", "html:script");
        assertThat(tokens).noneMatch(token -> token.contains("<") || token.equals("href") || token.equals("body"));
    }

    @Test
    void plainTextThatIsHtmlInDisguiseIsReadAsHtmlWhateverTheCaseOfItsTags() {
        for (String tag : List.of("HTML", "Body", "tAbLe")) {
            List<String> tokens = tokenizer.tokenize(raw("""
                    Subject: offer
                    Content-Type: text/plain

                    <%s><p>Hello <b>wonderful</b> world</p><img src="http://10.1.2.3/pixel.gif"></%s>
                    """.formatted(tag, tag)));

            assertThat(tokens).as(tag).contains("hello", "wonderful", "world", "html:img")
                    .noneMatch(token -> token.contains("<"));
        }
        List<String> plain = tokenizer.tokenize(raw("""
                Subject: maths
                Content-Type: text/plain

                if a <b and b <tab then c <htm is false
                """));
        assertThat(plain).contains("tab", "then", "htm", "false");
    }

    @Test
    void binaryAttachmentsAreDescribedNotRead() {
        byte[] binary = new byte[30_000];
        new java.util.Random(7).nextBytes(binary);
        List<String> tokens = tokenizer.tokenize(raw("""
                Subject: invoice
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="B"

                --B
                Content-Type: text/plain

                please find the invoice attached
                --B
                Content-Type: application/octet-stream; name="invoice.EXE"
                Content-Disposition: attachment; filename="invoice.EXE"
                Content-Transfer-Encoding: base64

                %s
                --B--
                """.formatted(Base64.getMimeEncoder().encodeToString(binary))));

        assertThat(tokens).contains("invoice", "attached", "part:application/octet-stream", "filename-ext:exe");
        assertThat(tokens).hasSizeLessThan(40);
    }

    @Test
    void emptyBodyAndEmptyInputAreFine() {
        assertThat(tokenizer.tokenize(raw("Subject: nothing here\n\n"))).contains("subject:nothing", "body:empty");
        assertThat(tokenizer.tokenize(new byte[0])).contains("body:empty");
    }

    @Test
    void hugeMessageIsCutToTheLimits() {
        var body = new StringBuilder();
        while (body.length() < 5_000_000) {
            body.append("lorem ipsum dolor sit amet consectetur adipiscing elit ").append(body.length()).append('\n');
        }
        byte[] message = raw("Subject: big one\n\n" + body);

        List<String> tokens = tokenizer.tokenize(message);

        assertThat(message.length).isGreaterThan(5_000_000);
        assertThat(tokens).contains("subject:big", "lorem").hasSizeLessThanOrEqualTo(TokenizerLimits.DEFAULT.maxTokens());
        double spamminess = Messages.smallModel().spamminess(message);
        assertThat(spamminess).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void structuredCheckTokenizesExactlyLikeTheRawMessageItStandsFor() {
        var check = new SpamCheck("bob@example.net", "Zo\u00eb <zoe@example.org>", "Caf\u00e9 au lait?", "Na\u00efve text\nsecond line");

        assertThat(tokenizer.tokenize(check)).isEqualTo(tokenizer.tokenize(check.toRawMessage()));
        assertThat(tokenizer.tokenize(check)).contains("subject:caf\u00e9", "from:name:zo\u00eb", "na\u00efve", "second", "line");
    }

    @Test
    void lineBreaksInStructuredFieldsCannotInjectHeaders() {
        var check = new SpamCheck("a@example.net", "b@example.org", "hello\r\nBcc: victim@example.com", "text");

        assertThat(tokenizer.tokenize(check)).doesNotContain("header:bcc").contains("subject:bcc");
    }

    @Test
    void hostileHeadersAreScannedInLinearTime() {
        var headers = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            headers.append("To: ").append("a".repeat(3_900)).append(" b").append(i).append("@example.com\n");
        }
        headers.append("Content-Type: text/plain; name=\"\u0130\u0130\u0130\"; boundary=\"zz\"\n");

        List<String> tokens = tokenizer.tokenize(raw(headers + "\nbody\n"));

        assertThat(tokens).contains("to:addr:b0@example.com", "to:addr:b119@example.com", "boundary:a", "body");
    }

    @Test
    void recipientsAndSendersGiveAddressTokens() {
        List<String> tokens = tokenizer.tokenize(raw("""
                From: "Mailing List" <list-owner@lists.example.org>
                Reply-To: list@lists.example.org
                Return-Path: <list-owner@lists.example.org>
                To: a@one.example, "B" <b@two.example>, undisclosed-recipients:;

                hi
                """));

        assertThat(tokens).contains("from:addr:list-owner@lists.example.org", "from:name:mailing", "from:name:list",
                "envelope:addr:list@lists.example.org", "envelope:addr:list-owner@lists.example.org",
                "to:addr:a@one.example", "to:domain:two.example", "to:count:2", "to:undisclosed");
    }

    @Test
    void tokenLimitIsRespected() {
        var small = new Tokenizer(new TokenizerLimits(1_000_000, 100_000, 10));

        assertThat(small.tokenize(Messages.ham(1))).hasSize(10);
    }
}
