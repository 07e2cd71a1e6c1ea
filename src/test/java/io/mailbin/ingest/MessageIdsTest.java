package io.mailbin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void anIdCarriesItsArrivalTime() {
        long t = Instant.parse("2026-11-25T10:15:30.123Z").toEpochMilli();
        String id = MessageIds.messageId(MessageIds.transactionId(t), 2);
        assertThat(id).hasSize(18).endsWith("-2");
        assertThat(MessageIds.timeOf(id)).contains(Instant.ofEpochMilli(t));
    }

    @Test
    void idsSortByTimeAndDoNotCollide() {
        String earlier = MessageIds.transactionId(1_000_000L);
        String later = MessageIds.transactionId(2_000_000L);
        assertThat(earlier.compareTo(later)).isNegative();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(MessageIds.transactionId(42L))).isTrue();
        }
    }

    @Test
    void foreignIdsHaveNoTime() {
        assertThat(MessageIds.timeOf("short")).isEmpty();
        assertThat(MessageIds.timeOf("!!!!!!!!!!!!!!!!-0")).isEmpty();
        assertThat(MessageIds.timeOf(null)).isEmpty();
    }
}
