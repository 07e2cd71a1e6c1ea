package io.mailbin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.stream.RawField;
import org.junit.jupiter.api.Test;

/** The fast Date reader agrees with mime4j's lenient parser on the common form, and declines the rest. */
class RfcDateTest {
    private static Instant lenient(String body) {
        DateTimeField f = (DateTimeField) LenientFieldParser.getParser().parse(new RawField("Date", body), DecodeMonitor.SILENT);
        return f.getDate() == null ? null : f.getDate().toInstant();
    }

    @Property(tries = 500)
    void readsTheCommonFormAsMime4jDoes(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seconds,
                                        @ForAll @IntRange(min = -14 * 60, max = 14 * 60) int offsetMinutes,
                                        @ForAll boolean weekday, @ForAll boolean withSeconds, @ForAll boolean comment) {
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        ZonedDateTime t = Instant.ofEpochSecond(withSeconds ? seconds : seconds / 60 * 60L).atZone(zone);
        String pattern = (weekday ? "EEE, " : "") + "d MMM yyyy HH:mm" + (withSeconds ? ":ss" : "") + " xx";
        String body = t.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)) + (comment ? " (UTC)" : "");
        assertThat(RfcDate.parse(body)).as(body).isEqualTo(t.toInstant()).isEqualTo(lenient(body));
    }

    @Test
    void readsNamedUniversalZonesFoldingAndLowerCaseMonths() {
        Instant expected = Instant.parse("2026-12-07T00:45:10Z");
        for (String body : new String[] {"Mon, 7 Dec 2026 00:45:10 GMT", "7 Dec 2026 00:45:10 UT", "Mon, 07 dec 2026 00:45:10 UTC",
                "  Mon,\r\n 7 Dec 2026\t00:45:10 +0000 (Coordinated Universal Time)  ", "Mon, 7 Dec 2026 01:45:10 +0100"}) {
            assertThat(RfcDate.parse(body)).as(body).isEqualTo(expected);
        }
    }

    @Test
    void declinesEveryOtherFormSoTheLenientParserCanTry() {
        for (String body : new String[] {"", "yesterday", "Monday, 7 Dec 2026 00:45:10 +0000", "7 Dec 26 00:45:10 +0000",
                "7 Dec 2026 00:45:10 EST", "7 Dec 2026 00:45:10", "7 Dez 2026 00:45:10 +0000", "31 Feb 2026 00:45:10 +0000",
                "7 Dec 2026 24:00:00 +0000", "7 Dec 2026 00:45:60 +0000", "7 Dec 2026 00:45:10 +0000 trailing",
                "7 Dec 2026 00:45:10 +0000 (open", "2026-12-07T00:45:10Z", "7 Dec 2026 00:45:10 +2500"}) {
            assertThat(RfcDate.parse(body)).as(body).isNull();
        }
        assertThat(RfcDate.parse(null)).isNull();
    }
}
