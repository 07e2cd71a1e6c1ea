package io.mailbin.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Reads a Date header in the form nearly all mail uses (RFC 5322 §3.3): {@code [Mon, ]7 Dec 2026
 * 00:45[:00] +0000}, the zone also as {@code GMT}, {@code UT} or {@code UTC}, optionally followed by a
 * comment such as {@code (UTC)}. It runs for every message at ingest, so it reads the characters once
 * and throws nothing; a header in any other form gets null, and ingest leaves it to mime4j's lenient
 * parser, which tries a list of formats and pays for an exception at each one that does not fit.
 */
final class RfcDate {
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private final String s;
    private int i;

    private RfcDate(String s) {
        this.s = s;
    }

    /** The instant {@code header} names, or null when it is not in the common form. */
    static Instant parse(String header) {
        return header == null ? null : new RfcDate(header).read();
    }

    private Instant read() {
        spaces();
        if (letters(3) >= 0) { // a day of the week, not checked against the date, as mime4j does not
            if (!take(',')) {
                return null;
            }
            spaces();
        }
        int day = digits(1, 2);
        int month = spaces() ? letters(3) : -1;
        int monthIndex = month < 0 ? -1 : MONTHS.indexOf(s.substring(month, month + 3).toLowerCase(java.util.Locale.ROOT));
        int year = spaces() ? digits(4, 4) : -1;
        int hour = spaces() ? digits(2, 2) : -1;
        int minute = take(':') ? digits(2, 2) : -1;
        int second = take(':') ? digits(2, 2) : 0;
        if (day < 1 || monthIndex < 0 || monthIndex % 3 != 0 || year < 0 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || !spaces()) {
            return null;
        }
        int offsetMinutes = zone();
        if (offsetMinutes == Integer.MIN_VALUE || !rest()) {
            return null;
        }
        YearMonth ym = YearMonth.of(year, monthIndex / 3 + 1);
        if (day > ym.lengthOfMonth()) {
            return null;
        }
        long local = LocalDateTime.of(year, ym.getMonthValue(), day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
        return Instant.ofEpochSecond(local - offsetMinutes * 60L);
    }

    /** {@code +hhmm}/{@code -hhmm} or GMT, UT, UTC: the offset in minutes, or MIN_VALUE. */
    private int zone() {
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            int sign = s.charAt(i++) == '-' ? -1 : 1;
            int hh = digits(2, 2);
            int mm = hh < 0 ? -1 : digits(2, 2);
            return hh < 0 || mm < 0 || hh > 18 || mm > 59 ? Integer.MIN_VALUE : sign * (hh * 60 + mm);
        }
        for (String utc : new String[] {"UTC", "GMT", "UT"}) {
            if (s.regionMatches(true, i, utc, 0, utc.length())) {
                i += utc.length();
                return 0;
            }
        }
        return Integer.MIN_VALUE;
    }

    /** After the zone only white space and one comment may follow. */
    private boolean rest() {
        spaces();
        if (i < s.length() && s.charAt(i) == '(') {
            int close = s.indexOf(')', i);
            if (close < 0) {
                return false;
            }
            i = close + 1;
            spaces();
        }
        return i == s.length();
    }

    /** Skips spaces, tabs and folding; true if there was any. */
    private boolean spaces() {
        int start = i;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
            i++;
        }
        return i > start;
    }

    private boolean take(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    /** Reads exactly {@code n} ASCII letters; returns where they start, or -1 (nothing read). */
    private int letters(int n) {
        if (i + n > s.length()) {
            return -1;
        }
        for (int k = i; k < i + n; k++) {
            char c = s.charAt(k);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return -1;
            }
        }
        int start = i;
        i += n;
        return start;
    }

    /** Reads {@code min} to {@code max} ASCII digits as a number, or returns -1. */
    private int digits(int min, int max) {
        int start = i;
        int value = 0;
        while (i < s.length() && i - start < max && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            value = value * 10 + (s.charAt(i++) - '0');
        }
        return i - start < min ? -1 : value;
    }
}
