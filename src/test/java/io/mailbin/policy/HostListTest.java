package io.mailbin.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostListTest {
    @Test
    void entriesAreReadWithoutDnsAndWrittenCanonically() {
        assertThat(HostEntry.parse(" 192.0.2.7 ").text()).isEqualTo("192.0.2.7");
        assertThat(HostEntry.parse("192.0.2.77/24").text()).isEqualTo("192.0.2.0/24");
        assertThat(HostEntry.parse("192.0.2.7/32").kind()).isEqualTo(HostEntry.Kind.IP);
        assertThat(HostEntry.parse("2001:DB8::1").text()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(HostEntry.parse("2001:db8::/32").kind()).isEqualTo(HostEntry.Kind.CIDR);
        assertThat(HostEntry.parse("Spam.Test.").text()).isEqualTo("spam.test");
        assertThat(HostEntry.parse("@spam.test").text()).isEqualTo("spam.test");
        assertThatThrownBy(() -> HostEntry.parse("192.0.2.0/33")).hasMessageContaining("prefix must be 0 to 32");
        assertThatThrownBy(() -> HostEntry.parse("not a host")).hasMessageContaining("not an IP address, CIDR block or domain");
        assertThatThrownBy(() -> HostEntry.parse("999.1.1.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostEntry.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipsMatchExactlyOrByBlockAndDomainsMatchTheirSubdomains() {
        HostList<Boolean> list = HostList.of(List.of("192.0.2.7", "198.51.100.0/24", "2001:db8::/32", "spam.test"));
        assertThat(list.matchIp("192.0.2.7")).isPresent();
        assertThat(list.matchIp("192.0.2.8")).isEmpty();
        assertThat(list.matchIp("198.51.100.200").map(Map.Entry::getKey).map(HostEntry::text)).contains("198.51.100.0/24");
        assertThat(list.matchIp("2001:db8:ffff::1")).isPresent();
        assertThat(list.matchIp("2001:db9::1")).isEmpty();
        assertThat(list.matchDomain("spam.test")).isPresent();
        assertThat(list.matchDomain("mail.SPAM.test")).isPresent();
        assertThat(list.matchDomain("notspam.test")).isEmpty();
        assertThat(list.matchDomain("test")).isEmpty();
        assertThat(list.match("198.51.100.1")).isPresent();
        assertThat(list.match("x.spam.test")).isPresent();
    }
}
