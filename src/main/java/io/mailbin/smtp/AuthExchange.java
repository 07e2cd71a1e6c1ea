package io.mailbin.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One AUTH command (RFC 4954) with the PLAIN (RFC 4616) or LOGIN mechanism: the challenges, the
 * client's base64 responses, and the verdict. The session decides beforehand whether AUTH may run at all.
 */
final class AuthExchange {
    /** RFC 4954 §4: a server must accept response lines of up to 12,288 octets. */
    static final int MAX_LINE = 12_288;

    /** How the exchange ended: the user on success, else the reply already sent and whether it counts as an error. */
    record Outcome(String user, boolean error) {}

    private final SmtpConnection conn;
    private final SmtpAuthenticator authenticator;
    private final long idleNanos;
    private final long sessionEnd;

    AuthExchange(SmtpConnection conn, SmtpAuthenticator authenticator, long idleNanos, long sessionEnd) {
        this.conn = conn;
        this.authenticator = authenticator;
        this.idleNanos = idleNanos;
        this.sessionEnd = sessionEnd;
    }

    Outcome run(String arg) throws IOException {
        int space = arg.indexOf(' ');
        String mechanism = (space < 0 ? arg : arg.substring(0, space)).toUpperCase(Locale.ROOT);
        String initial = space < 0 ? null : arg.substring(space + 1).strip();
        try {
            return switch (mechanism) {
                case "PLAIN" -> plain(initial);
                case "LOGIN" -> login(initial);
                case "" -> fail("501 5.5.4 Syntax: AUTH mechanism [initial-response]");
                default -> fail("504 5.5.4 Unrecognized authentication type " + mechanism.replaceAll("\\p{Cntrl}", "?"));
            };
        } catch (Cancelled e) {
            return fail("501 5.0.0 Authentication cancelled");
        } catch (BadResponse e) {
            return fail("501 5.5.2 Cannot decode response: " + e.getMessage());
        } catch (SmtpInput.LineTooLongException e) {
            return fail("500 5.5.6 Authentication exchange line is too long");
        }
    }

    /** {@code authzid NUL authcid NUL password}; the authorization identity, if any, is ignored. */
    private Outcome plain(String initial) throws IOException {
        String response = initial != null && !initial.equals("=") ? initial : initial == null ? challenge("") : "";
        String[] parts = decode(response).split("\u0000", -1);
        if (parts.length != 3) {
            throw new BadResponse("PLAIN expects authzid NUL user NUL password");
        }
        return verdict(parts[1], parts[2]);
    }

    private Outcome login(String initial) throws IOException {
        String user = decode(initial != null ? initial : challenge("VXNlcm5hbWU6")); // "Username:"
        String password = decode(challenge("UGFzc3dvcmQ6")); // "Password:"
        return verdict(user, password);
    }

    private Outcome verdict(String user, String password) throws IOException {
        if (authenticator.authenticate(user, password)) {
            conn.reply("235 2.7.0 Authentication successful");
            return new Outcome(user, false);
        }
        return fail("535 5.7.8 Authentication credentials invalid");
    }

    private String challenge(String text) throws IOException {
        conn.reply("334 " + text);
        conn.flush();
        String line = conn.readCommand(MAX_LINE, idleNanos, sessionEnd);
        if (line == null) {
            throw new java.io.EOFException("client left during AUTH");
        }
        if (line.equals("*")) {
            throw new Cancelled();
        }
        return line;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadResponse("not base64");
        }
    }

    private Outcome fail(String reply) throws IOException {
        conn.reply(reply);
        return new Outcome(null, true);
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private static final class BadResponse extends RuntimeException {
        BadResponse(String message) {
            super(message, null, false, false);
        }
    }
}
