package io.mailbin.smtp;

import io.mailbin.testing.TestMailbin;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;

/**
 * The read deadlines again with {@code --smtp-event-loops=0}: on session threads they are enforced by
 * {@link ReadDeadlines}, on event loops by the loop's own scan; clients must not tell the difference.
 */
class HostileClientOnThreadsTest extends HostileClientTest {

    @BeforeAll
    static void start() { // hides HostileClientTest.start: the same server, without event loops
        server = TestMailbin.start(b -> b.smtpIdleTimeout(Duration.ofMillis(800)).smtpSessionTimeout(Duration.ofSeconds(3))
                .smtpMinDataRate(1000).smtpMaxLineLength(1000).smtpEventLoops(0));
    }
}
