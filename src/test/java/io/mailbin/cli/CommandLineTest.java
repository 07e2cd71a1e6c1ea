package io.mailbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Mistakes at the command line end in one line saying what to fix, and a non-zero exit. */
class CommandLineTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MailbinCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void anUnknownFlagIsOneLineAndExitTwo() {
        Result r = run("serve", "--no-such-flag");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("mailbin: Unknown option: '--no-such-flag' (see 'mailbin serve --help')");
    }

    @Test
    void aBadValueNamesTheFlag() {
        Result r = run("serve", "--smtp-port", "many");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("--smtp-port").contains("many");
        Result size = run("serve", "--max-message-size", "huge");
        assertThat(size.exit()).isEqualTo(2);
        assertThat(size.err()).contains("not a size: 'huge'");
    }

    @Test
    void aBusyPortIsOneLineAndExitOne() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("serve", "--data-dir", dir.toString(), "--smtp-port", String.valueOf(taken.getLocalPort()),
                    "--http-port", "0");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().lines().count()).isEqualTo(1);
            assertThat(r.err()).startsWith("mailbin: cannot listen for SMTP on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void anUnusableDataDirectoryIsOneLineAndExitOne() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Result r = run("serve", "--data-dir", file.resolve("data").toString(), "--smtp-port", "0", "--http-port", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("data directory").contains("is not writable");
    }

    @Test
    void anInvalidSettingIsExplained() {
        Result r = run("serve", "--data-dir", dir.toString(), "--smtp-max-recipients", "0");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("mailbin: --smtp-max-recipients must be at least 1");
    }

    @Test
    void helpListsTheDocumentedFlags() {
        Result r = run("serve", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--data-dir", "--bind", "--hostname", "--smtp-port", "--http-port",
                "--max-message-size", "--public-max-messages", "--public-max-age", "--max-store-size",
                "--smtp-capacity", "--smtp-queue-timeout", "--smtp-max-connections", "--smtp-rate-per-ip",
                "--smtp-rate-per-domain", "--smtp-allow", "--smtp-tls-cert", "--smtp-tls-key", "--smtps-port",
                "--smtp-require-tls", "--smtp-auth", "--smtp-auth-insecure", "--smtp-session-timeout",
                "--smtp-min-data-rate", "--smtp-max-line-length");
    }

    @Test
    void badAdmissionSettingsAreExplained() {
        Result rate = run("serve", "--data-dir", dir.toString(), "--smtp-rate-per-ip", "lots");
        assertThat(rate.exit()).isEqualTo(1);
        assertThat(rate.err().strip()).startsWith("mailbin: --smtp-rate-per-ip must be 'off' or a rate like 100/1m");
        Result allow = run("serve", "--data-dir", dir.toString(), "--smtp-allow", "10.0.0.0/99");
        assertThat(allow.err().strip()).contains("not a CIDR block: '10.0.0.0/99'");
        Result auth = run("serve", "--data-dir", dir.toString(), "--smtp-auth", "sometimes");
        assertThat(auth.err().strip()).isEqualTo("mailbin: --smtp-auth must be 'any', 'accounts' or 'off', got 'sometimes'");
        Result tls = run("serve", "--data-dir", dir.toString(), "--smtp-tls-cert", "/nonexistent.pem");
        assertThat(tls.err().strip()).isEqualTo("mailbin: --smtp-tls-cert and --smtp-tls-key go together: give both or neither");
    }

    @Test
    void denylistRefusesAnEntryThatIsNeitherIpNorDomain() {
        Result r = run("denylist", "add", "not a host", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("mailbin: not an IP address, CIDR block or domain: 'not a host'");
    }
}
