package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The hand-written Date shape reader means exactly what the regexes it replaced mean; the regexes stay
 * here as its specification, checked on generated date-like values and on real ones.
 */
class DateShapeTest {
    private static final Pattern ZONE = Pattern.compile("([+-]\\d{4}|\\(?\\b[a-z]{2,5}\\)?$)");
    private static final Pattern TIME = Pattern.compile("\\b(\\d{1,2}):\\d{2}");
    private static final Pattern WEEKDAY = Pattern.compile("(mon|tue|wed|thu|fri|sat|sun)[a-z]*,");

    private static String zoneByRegex(String value) {
        Matcher m = ZONE.matcher(value);
        String last = "none";
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static int hourByRegex(String value) {
        Matcher m = TIME.matcher(value);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static void agrees(String value) {
        assertThat(DateShape.zone(value)).as("zone of [%s]", value).isEqualTo(zoneByRegex(value));
        assertThat(DateShape.hour(value)).as("hour of [%s]", value).isEqualTo(hourByRegex(value));
        assertThat(DateShape.startsWithWeekday(value)).as("weekday of [%s]", value)
                .isEqualTo(WEEKDAY.matcher(value).lookingAt());
    }

    /** Strings made of the pieces dates are made of, in any order, so edge cases come up often. */
    @Provide
    Arbitrary<String> dateLike() {
        Arbitrary<String> piece = Arbitraries.of("mon", "tue,", "sunday,", "wed", "7", "07", "123", "12:34", "1:2", "9:05",
                ":", "+0000", "-0800", "+00001", "+-0100", "+", "-", " ", "  ", "\t", "(", ")", "(utc)", "utc", "gmt",
                "est)", "(pst", "ab", "abcdef", "x", "_", "é", "Z", "5", "dec", "2026", ",", ".", "\u0085", "\u2028", "\r\n", "\n");
        return piece.list().ofMaxSize(12).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 5_000)
    void agreesWithTheRegexesOnDateLikeValues(@ForAll("dateLike") String value) {
        agrees(value);
    }

    @Property(tries = 2_000)
    void agreesWithTheRegexesOnAnyText(@ForAll String value) {
        agrees(value);
    }

    @Test
    void readsRealDates() {
        for (String value : List.of("mon,  7 dec 2026 02:17:02 +0000 (utc)", "tue, 20 aug 2002 11:24:36 -0400", "20 aug 2002 1:24 est",
                "thursday, 22 aug 2002 18:26:25 +0100 (bst)", "wed, 21 aug 2002 03:13:44 gmt", "", "nonsense")) {
            agrees(value);
        }
        assertThat(DateShape.zone("mon,  7 dec 2026 02:17:02 +0000 (utc)")).isEqualTo("(utc)");
        assertThat(DateShape.hour("mon,  7 dec 2026 02:17:02 +0000 (utc)")).isEqualTo(2);
    }
}
