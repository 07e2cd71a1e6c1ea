package io.mailbin.api;

import io.javalin.http.Context;
import io.mailbin.mail.EmailAddress;
import io.mailbin.mail.InvalidAddressException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads and validates request parameters; every bad value becomes a 400 that names the parameter. */
final class Requests {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;

    private Requests() {}

    /** The {@code {email}} path parameter, normalised as inboxes are ({@code +tag} kept: it selects the original inbox). */
    static String address(Context ctx) {
        return emailAddress(ctx).address();
    }

    static EmailAddress emailAddress(Context ctx) {
        return emailAddress(ctx.pathParam("email"));
    }

    static EmailAddress emailAddress(String text) {
        String raw = text.trim();
        try {
            return EmailAddress.parse(raw);
        } catch (InvalidAddressException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min) {
                throw ApiException.badRequest(name + " must be at least " + min + ", got " + value);
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, got '" + value + "'");
        }
    }

    /** A boolean query parameter: true/false/1/0, or null when absent. */
    static Boolean bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got '" + v + "'");
        };
    }

    static int limit(Context ctx) {
        String value = ctx.queryParam("limit");
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit < 1) {
                throw ApiException.badRequest("limit must be a positive integer, got " + value);
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a positive integer, got '" + value + "'");
        }
    }

    /** An optional date parameter: ISO-8601 date-time or date, or epoch milliseconds. */
    static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 date (e.g. 2026-11-25T10:15:30.000Z), got '" + value + "'");
        }
    }

    static boolean download(Context ctx) {
        return "1".equals(ctx.queryParam("download")) || "true".equalsIgnoreCase(ctx.queryParam("download"));
    }
}
