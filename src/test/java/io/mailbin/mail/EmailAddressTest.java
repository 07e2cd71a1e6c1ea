package io.mailbin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void normalisesToLowerCaseAndDropsThePlusTagFromTheInbox() {
        EmailAddress a = EmailAddress.parse("Bob.Smith+Signup@Example.COM");
        assertThat(a.address()).isEqualTo("bob.smith+signup@example.com");
        assertThat(a.inbox()).isEqualTo("bob.smith@example.com");
        assertThat(a.domain()).isEqualTo("example.com");
    }

    @Test
    void aLeadingPlusIsNotATag() {
        assertThat(EmailAddress.parse("+only@x.test").inbox()).isEqualTo("+only@x.test");
    }

    @Test
    void utf8LocalPartsAndDomainsAreAccepted() {
        EmailAddress a = EmailAddress.parse("Jörg@Exämple.test");
        assertThat(a.address()).isEqualTo("jörg@exämple.test");
    }

    @Test
    void quotedLocalPartsAndAddressLiteralsAreAccepted() {
        assertThat(EmailAddress.parse("\"john doe\"@x.test").local()).isEqualTo("\"john doe\"");
        assertThat(EmailAddress.parse("a@[192.0.2.1]").domain()).isEqualTo("[192.0.2.1]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plainaddress|expected local-part@domain",
            "@x.test|expected local-part@domain",
            "a@|expected local-part@domain",
            "a@@x.test|not allowed in local part",
            "a b@x.test|not allowed in local part",
            ".a@x.test|misplaced dot",
            "a..b@x.test|misplaced dot",
            "a@x..test|empty domain label",
            "a@-x.test|starts or ends with '-'",
            "a@x_y.test|not allowed in domain",
            "a@[999]|bad address literal",
    })
    void malformedAddressesSayWhichRuleTheyBreak(String address, String reason) {
        assertThatThrownBy(() -> EmailAddress.parse(address))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void overLongPartsAreRefused() {
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@x.test")).hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> EmailAddress.parse("a@" + "b".repeat(64) + ".test")).hasMessageContaining("longer than 63");
        String longDomain = ("d".repeat(60) + ".").repeat(5) + "test";
        assertThatThrownBy(() -> EmailAddress.parse("a@" + longDomain)).hasMessageContaining("longer than 255");
    }

    @Test
    void controlCharactersAreNeverEchoedBack() {
        assertThatThrownBy(() -> EmailAddress.parse("a\r\nb@x.test"))
                .hasMessageNotContaining("\r")
                .hasMessageNotContaining("\n");
    }
}
