package io.mailbin.spam;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small hand-written messages for tests: no corpus needed. */
public final class Messages {

    private Messages() {
    }

    public static byte[] raw(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] ham(int variant) {
        String[] topics = {"build server", "release notes", "lunch on friday", "code review", "quarterly planning"};
        String topic = topics[variant % topics.length];
        return raw("""
                From: Alice Example <alice@example.org>
                To: bob@example.net
                Subject: Re: %s
                Date: Mon, 2 Sep 2002 10:15:00 +0100
                Message-ID: <20020902101500.%d@mail.example.org>
                User-Agent: Mutt/1.4i

                Hi Bob,

                about the %s: I pushed the patch to the repository yesterday and the tests
                pass on my machine. Could you look at the failing integration test when you
                have a minute? The log is attached to the ticket. Thanks, Alice
                """.formatted(topic, variant, topic));
    }

    public static byte[] spam(int variant) {
        String[] offers = {"viagra", "mortgage", "casino", "diploma", "weight loss"};
        String offer = offers[variant % offers.length];
        return raw("""
                From: "Best Deals" <deals%d@cheap-offers.biz>
                To: undisclosed-recipients:;
                Subject: FREE %s OFFER!!! Act now
                Content-Type: text/html; charset="iso-8859-1"

                <html><body><font size=5 color=red>CLICK HERE for FREE %s!!!</font>
                <p>Limited time offer, 100%% guaranteed, no risk. Order now and save $$$</p>
                <a href="http://cheap-offers.biz/order?id=%d">Order now</a>
                <p>To be removed from our mailing list click <a href="http://cheap-offers.biz/remove">here</a></p>
                </body></html>
                """.formatted(variant, offer.toUpperCase(), offer.toUpperCase(), variant));
    }

    /** A model trained on ten hand-written spams and ten hams. */
    public static SpamModel smallModel() {
        SpamModel model = SpamModel.empty();
        for (int i = 0; i < 10; i++) {
            model.train(spam(i), true);
            model.train(ham(i), false);
        }
        return model;
    }

    public static List<byte[]> hams(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(Messages::ham).toList();
    }
}
