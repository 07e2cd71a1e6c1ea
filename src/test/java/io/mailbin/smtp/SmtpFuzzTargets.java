package io.mailbin.smtp;

import io.mailbin.ingest.MessageParser;
import io.mailbin.ingest.ParsedMessage;
import io.mailbin.mail.EmailAddress;
import io.mailbin.mail.InvalidAddressException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;

/**
 * What the fuzzers (jqwik properties in the suite, Jazzer on demand) throw bytes at: the SMTP command
 * reader and argument parser the way a session drives them, and the MIME ingest parser. Each returns
 * normally or fails with one of the exceptions it documents; anything else escaping is a bug.
 */
public final class SmtpFuzzTargets {
    private static final MessageParser PARSER = new MessageParser();

    private SmtpFuzzTargets() {}

    /** Reads commands from {@code input} as a session would, parsing MAIL/RCPT arguments and reading DATA. */
    public static void smtpInput(byte[] input) {
        SmtpInput in = new SmtpInput(new ByteArrayInputStream(input));
        try {
            for (int commands = 0; commands < 10_000; commands++) {
                String line;
                try {
                    line = in.readLine(SmtpCommands.MAX_COMMAND_LINE);
                } catch (SmtpInput.LineTooLongException e) {
                    continue;
                }
                if (line == null) {
                    return;
                }
                String upper = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : "";
                String arg = line.length() > 5 ? line.substring(5) : "";
                switch (upper) {
                    case "MAIL" -> address(MailArguments.parse(arg, "FROM:"));
                    case "RCPT" -> address(MailArguments.parse(arg, "TO:"));
                    case "DATA" -> {
                        RawBuffer raw = new RawBuffer(256);
                        SmtpInput.Data result = in.readData(raw, 64 * 1024, 1000);
                        if (result == SmtpInput.Data.OK && raw.length() > 64 * 1024) {
                            throw new AssertionError("DATA kept " + raw.length() + " bytes past its 64 KB limit");
                        }
                    }
                    default -> { }
                }
            }
        } catch (EOFException expected) {
            // input ended inside DATA
        } catch (IOException e) {
            throw new AssertionError("in-memory input cannot fail with " + e, e);
        }
    }

    private static void address(MailArguments a) {
        if (a == null || a.path().isEmpty()) {
            return;
        }
        try {
            EmailAddress.parse(a.path());
        } catch (InvalidAddressException expected) {
            // a reply of 553, not a crash
        }
    }

    /** Parses {@code raw} as a received message; the parser never throws and always describes the message. */
    public static void mime(byte[] raw) {
        ParsedMessage m = PARSER.parse(raw);
        if (m == null || m.attachments() == null || m.links() == null) {
            throw new AssertionError("parse returned an incomplete result");
        }
    }
}
