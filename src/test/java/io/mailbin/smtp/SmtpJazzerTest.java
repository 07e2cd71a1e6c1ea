package io.mailbin.smtp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing with Jazzer of the same targets as {@link SmtpFuzzTest}, on demand: it is left
 * out of the default suite (its agent instruments every class loaded in the JVM, which slows the tests
 * that share it); the suite fuzzes these targets with jqwik instead.
 * <ul>
 *   <li>{@code ./mvnw test -Dtest=SmtpJazzerTest} replays the seed and crash inputs in
 *       src/test/resources/io/mailbin/smtp/SmtpJazzerTestInputs/ (seconds);</li>
 *   <li>{@code JAZZER_FUZZ=1 ./mvnw test -Dtest='SmtpJazzerTest#smtpInput'} (or {@code #mime}) fuzzes for
 *       {@code maxDuration}; a crashing input is saved beside the seeds and becomes a regression input.</li>
 * </ul>
 */
class SmtpJazzerTest {
    @FuzzTest(maxDuration = "60s")
    void smtpInput(byte[] input) {
        SmtpFuzzTargets.smtpInput(input);
    }

    @FuzzTest(maxDuration = "60s")
    void mime(byte[] input) {
        SmtpFuzzTargets.mime(input);
    }
}
