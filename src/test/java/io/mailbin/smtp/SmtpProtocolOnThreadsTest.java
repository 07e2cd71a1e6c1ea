package io.mailbin.smtp;

import io.mailbin.testing.TestMailbin;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole SMTP dialogue again with {@code --smtp-event-loops=0}: every session on a virtual thread
 * of its own, the driver that serves TLS, AUTH and queued sessions and that an operator can choose.
 */
class SmtpProtocolOnThreadsTest extends SmtpProtocolTest {

    @BeforeAll
    static void start() { // hides SmtpProtocolTest.start: the same server, without event loops
        server = TestMailbin.start(b -> b.maxMessageSize(64 * 1024).maxErrors(5).maxRecipients(3).smtpEventLoops(0));
    }
}
