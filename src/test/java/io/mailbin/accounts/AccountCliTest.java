package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailbin.cli.MailbinCommand;
import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code mailbin account ...} and {@code mailbin domain add}, run as a user runs them, on the data directory
 * of a server that is running: what they change is what the server's API shows, within a second or two.
 */
class AccountCliTest {
    static final String KEY = "k_[0-9a-z]{32}";
    static final Duration SOON = Duration.ofSeconds(2);
    static Path dir;
    static String earlyKey;
    static TestMailbin server;
    static Http http;

    record Result(int exit, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MailbinCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = Stream.concat(Stream.of(args), Stream.of("--data-dir", dir.toString())).toArray(String[]::new);
        int exit = cl.execute(all);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("mailbin-cli");
        Result created = cli("account", "create", "early");
        assertThat(created.exit()).as(created.err()).isZero();
        earlyKey = created.lastLine();
        server = TestMailbin.start(dir, b -> b);
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static String create(String name) {
        Result r = cli("account", "create", name);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines().toList()).hasSize(2).first()
                .isEqualTo("created account " + name + "; its API key, shown this once:");
        assertThat(r.lastLine()).matches(KEY);
        return r.lastLine();
    }

    @Test
    void aKeyCreatedBeforeTheServerStartedWorksOnIt() {
        assertThat(earlyKey).matches(KEY);
        assertThat(http.get("/api/me", earlyKey).expect(200).get("_id").asString()).isEqualTo("early");
    }

    @Test
    void keysAreStoredOnlyAsHashes() throws IOException {
        String key = create("hashed");
        http.get("/api/me", key).expect(200);
        // the database, its write-ahead log and anything else in the data directory
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as("%s", file)
                        .doesNotContain(key.substring(2));
            }
        }
    }

    @Test
    void anOperatorAccountManagesEveryAccount() {
        String alice = create("alice");
        http.post("/api/addresses/private@ops-cli.test", alice, null).expect(200);
        Http.deliver(server, "for alice only", "private@ops-cli.test");
        Result r = cli("account", "create", "ops", "--operator");
        assertThat(r.out().lines().toList().getFirst()).isEqualTo("created account ops (operator); its API key, shown this once:");
        String ops = r.lastLine();
        await().atMost(SOON).until(() -> http.get("/api/me", ops).status() == 200);
        assertThat(http.get("/api/me", ops).expect(200).get("operator").asBoolean()).isTrue();
        assertThat(http.get("/api/addresses/private@ops-cli.test/messages", ops).expect(200)).hasSize(1);
        assertThat(http.put("/api/addresses/private@ops-cli.test", ops, "{\"info\":\"by ops\"}").expect(200)
                .get("owner").asString()).isEqualTo("alice");
        http.get("/api/addresses/private@ops-cli.test/messages", earlyKey).expect(403);
    }

    @Test
    void anAccountCreatedWhileTheServerRunsIsAcceptedWithinASecondOrTwo() {
        String key = create("late");
        await().atMost(SOON).until(() -> http.get("/api/me", key).status() == 200);
        assertThat(http.get("/api/me", key).expect(200).get("_id").asString()).isEqualTo("late");
    }

    @Test
    void theListShowsEveryAccountWithItsAddressesAndDomains() {
        String key = create("lister");
        http.post("/api/addresses/one@lister.test", key, null).expect(200);
        http.post("/api/addresses/two@lister.test", key, null).expect(200);
        http.post("/api/domains/lister-domain.test", key, "{}").expect(200);
        Result list = cli("account", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out().lines().filter(l -> l.startsWith("lister ")))
                .singleElement().asString().matches("lister +created \\S+Z, 2 addresses, 1 domains");
        assertThat(list.out().lines().map(l -> l.split(" ")[0])).contains("early", "lister").isSorted();
    }

    @Test
    void rotatingAKeyRetiresTheOldOne() {
        String old = create("rotor");
        http.get("/api/me", old).expect(200);
        Result rotated = cli("account", "key", "rotate", "rotor");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out().lines().toList().getFirst()).isEqualTo("new API key for rotor, shown this once:");
        String fresh = rotated.lastLine();
        assertThat(fresh).matches(KEY).isNotEqualTo(old);
        await().atMost(SOON).until(() -> http.get("/api/me", old).status() == 401);
        assertThat(http.get("/api/me", fresh).expect(200).get("_id").asString()).isEqualTo("rotor");
    }

    @Test
    void deletingAnAccountRetiresItsKeyAndItsMail() {
        String key = create("leaver");
        http.post("/api/addresses/gone@leaver.test", key, null).expect(200);
        Http.deliver(server, "left behind", "gone@leaver.test");
        String id = Http.ids(http.get("/api/addresses/gone@leaver.test/messages", key).expect(200)).getFirst();
        Result deleted = cli("account", "delete", "leaver");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out().strip()).isEqualTo("deleted account leaver");
        await().atMost(SOON).until(() -> http.get("/api/me", key).status() == 401);
        await().atMost(SOON).until(() -> http.get("/api/addresses/gone@leaver.test/availability", null).expect(200)
                .get("available").asBoolean());
        http.get("/api/addresses/gone@leaver.test/messages/" + id, null).expect(404);
    }

    @Test
    void addingADomainMakesItsMailPrivateToItsOwner() {
        String key = create("domer");
        Result added = cli("domain", "add", "CLI-Domain.test", "--owner", "domer");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out().strip()).isEqualTo("added cli-domain.test for domer (private)");
        Result open = cli("domain", "add", "cli-open.test", "--owner", "domer", "--public");
        assertThat(open.out().strip()).isEqualTo("added cli-open.test for domer (public)");
        await().atMost(SOON).until(() -> http.get("/api/domains/cli-domain.test", key).status() == 200);

        Http.deliver(server, "for the domain", "anyone@cli-domain.test");
        http.get("/api/addresses/anyone@cli-domain.test/messages", null).expect(401);
        http.get("/api/addresses/anyone@cli-domain.test/messages", earlyKey).expect(403);
        assertThat(http.get("/api/addresses/anyone@cli-domain.test/messages", key).expect(200)).hasSize(1);
        assertThat(cli("domain", "list").out().lines().filter(l -> l.startsWith("cli-")))
                .containsExactly("cli-domain.test                          owner domer, private",
                        "cli-open.test                            owner domer, public");
    }

    @Test
    void mistakesEndInOneLineAndANonZeroExit() {
        String[][] cases = {
                {"1", "mailbin: account names are 1-64 lower-case letters", "account", "create", "Bad Name"},
                {"1", "mailbin: account early already exists", "account", "create", "early"},
                {"1", "mailbin: no account named 'nobody'", "account", "key", "rotate", "nobody"},
                {"1", "mailbin: no account named 'nobody'", "account", "delete", "nobody"},
                {"1", "mailbin: no account named 'nobody'", "domain", "add", "x.test", "--owner", "nobody"},
                {"1", "mailbin: 'bad..test' is not a valid domain: empty domain label", "domain", "add", "bad..test",
                        "--owner", "early"},
                {"2", "mailbin: Missing required option: '--owner=NAME'", "domain", "add", "x.test"},
                {"2", "mailbin: Missing required parameter: 'NAME'", "account", "create"}};
        for (String[] c : cases) {
            Result r = cli(Arrays.copyOfRange(c, 2, c.length));
            String command = String.join(" ", Arrays.copyOfRange(c, 2, c.length));
            assertThat(r.exit()).as(command).isEqualTo(Integer.parseInt(c[0]));
            assertThat(r.err().lines().toList()).as(command).singleElement().asString().startsWith(c[1]);
            assertThat(r.out()).as(command).isEmpty();
        }
        assertThat(http.get("/api/me", earlyKey).expect(200).get("_id").asString()).isEqualTo("early");
    }
}
