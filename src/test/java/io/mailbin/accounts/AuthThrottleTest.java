package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client that keeps sending bad keys is answered ever more slowly; a good key in between does not reset it. */
class AuthThrottleTest {
    static final String UNKNOWN = "k_00000000000000000000000000000000";
    static TestMailbin server;
    static Http http;
    static String alice;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.authDelay(Duration.ofMillis(200)));
        http = new Http(server);
        alice = server.createAccount("alice");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    @Test
    void repeatedFailuresAreSlowedDownAndMixingInAGoodKeyDoesNotHelp() {
        long eighth = 0;
        for (int failure = 1; failure <= 8; failure++) {
            http.get("/api/me", alice).expect(200); // a good key between guesses
            long start = System.nanoTime();
            http.get("/api/me", UNKNOWN).expect(401);
            eighth = System.nanoTime() - start;
        }
        assertThat(Duration.ofNanos(eighth)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        long good = System.nanoTime();
        http.get("/api/me", alice).expect(200);
        assertThat(Duration.ofNanos(System.nanoTime() - good)).as("the right key is never held up").isLessThan(Duration.ofMillis(200));
    }
}
