package io.mailbin.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailbin.testing.Http;
import io.mailbin.testing.TestMailbin;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The spec's email validation: format, local part and domain, and {@code isDisposable} from this
 * server's own public domains plus the shipped list of disposable-mail domains.
 */
class ValidationApiTest {
    static TestMailbin server;
    static Http http;
    static String key;

    @BeforeAll
    static void start() {
        server = TestMailbin.start(b -> b.publicDomains(List.of("bin.example", "Throwaway.Example")));
        http = new Http(server);
        key = server.createAccount("validator");
    }

    @AfterAll
    static void stop() {
        server.closeAndDelete();
    }

    private static JsonNode integrity(String email, boolean valid, String local, String domain, String... disposable) {
        String list = disposable.length == 0 ? "" : "\"" + String.join("\",\"", disposable) + "\"";
        return TestMailbin.JSON.readTree("{\"email\":\"" + email + "\",\"validFormat\":" + valid + ",\"local\":\"" + local
                + "\",\"domain\":\"" + domain + "\",\"isDisposable\":" + (disposable.length > 0)
                + ",\"disposableDomains\":[" + list + "],\"aliases\":[]}");
    }

    @Test
    void anAddressOnThisServersOwnDomainsIsDisposable() {
        assertThat(http.get("/api/validations/addresses/someone@bin.example", key).expect(200))
                .isEqualTo(integrity("someone@bin.example", true, "someone", "bin.example", "bin.example"));
        assertThat(http.get("/api/validations/addresses/Some.One@THROWAWAY.example", key).expect(200))
                .isEqualTo(integrity("Some.One@THROWAWAY.example", true, "some.one", "throwaway.example", "throwaway.example"));
    }

    @Test
    void knownDisposableDomainsAreDisposableAndOrdinaryOnesAreNot() {
        assertThat(http.get("/api/validations/addresses/test@mailinator.com", key).expect(200))
                .isEqualTo(integrity("test@mailinator.com", true, "test", "mailinator.com", "mailinator.com"));
        // a wildcard entry (*.33mail.com) covers every subdomain
        assertThat(http.get("/api/validations/addresses/me@alias.33mail.com", key).expect(200))
                .isEqualTo(integrity("me@alias.33mail.com", true, "me", "alias.33mail.com", "33mail.com"));
        assertThat(http.get("/api/validations/addresses/billy.wilson@example.org", key).expect(200))
                .isEqualTo(integrity("billy.wilson@example.org", true, "billy.wilson", "example.org"));
        assertThat(http.get("/api/validations/addresses/user@bin.example.org", null).expect(200).get("isDisposable")
                .asBoolean()).as("a name ending like ours is not ours").isFalse();
    }

    @Test
    void aMalformedAddressIsAnAnswerNotAnError() {
        assertThat(http.get("/api/validations/addresses/not-an-address", key).expect(200))
                .isEqualTo(integrity("not-an-address", false, "not-an-address", ""));
        assertThat(http.get("/api/validations/addresses/two@@mailinator.com", key).expect(200))
                .isEqualTo(integrity("two@@mailinator.com", false, "two@", "mailinator.com"));
        assertThat(http.get("/api/validations/addresses/a@" + "x".repeat(64) + ".com", key).expect(200).get("validFormat")
                .asBoolean()).isFalse();
    }

    @Test
    void upToFiftyAddressesAreValidatedInOneRequestInOrder() {
        JsonNode three = http.post("/api/validations/addresses", key,
                "{\"emails\":[\"a@mailinator.com\",\"b@example.org\",\"nonsense\"]}").expect(200);
        assertThat(three.size()).isEqualTo(3);
        assertThat(three.get(0)).isEqualTo(integrity("a@mailinator.com", true, "a", "mailinator.com", "mailinator.com"));
        assertThat(three.get(1)).isEqualTo(integrity("b@example.org", true, "b", "example.org"));
        assertThat(three.get(2).get("validFormat").asBoolean()).isFalse();

        List<String> fifty = IntStream.range(0, 50).mapToObj(i -> "\"u" + i + "@example.org\"").toList();
        JsonNode all = http.post("/api/validations/addresses", key, "{\"emails\":[" + String.join(",", fifty) + "]}")
                .expect(200);
        assertThat(all.size()).isEqualTo(50);
        assertThat(all.get(49).get("email").asString()).isEqualTo("u49@example.org");

        http.post("/api/validations/addresses", key, "{\"emails\":[" + String.join(",", fifty) + ",\"one@more.org\"]}")
                .expectError(400, "at most 50 emails per request, got 51");
        http.post("/api/validations/addresses", key, "{\"emails\":\"a@example.org\"}").expectError(400, "emails");
        http.post("/api/validations/addresses", key, "{\"emails\":[1]}").expectError(400, "emails must be strings");
        http.post("/api/validations/addresses", key, "{\"emails\":").expectError(400, "not valid JSON");
    }
}
