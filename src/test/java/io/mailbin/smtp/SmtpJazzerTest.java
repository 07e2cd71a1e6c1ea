package io.mailbin.smtp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing with Jazzer of the same targets as {@link SmtpFuzzTest}. In the suite each
 * target replays its seed inputs (src/test/resources/io/mailbin/smtp/SmtpJazzerTestInputs/). To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest='SmtpJazzerTest#smtpInput'} (or {@code #mime}); each runs for
 * {@code maxDuration}, and a crashing input is saved beside the seeds, where it becomes a regression test.
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
