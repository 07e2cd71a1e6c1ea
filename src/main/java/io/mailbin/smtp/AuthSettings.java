package io.mailbin.smtp;

import java.util.Locale;

/**
 * SMTP AUTH on inbound mail.
 *
 * @param mode     {@code ANY}: any credentials are accepted (capture mode); {@code ACCOUNTS}: only an account
 *                 name with that account's API key as the password; {@code OFF}: AUTH is not offered
 * @param insecure offer AUTH before STARTTLS too (passwords then travel in clear text)
 */
public record AuthSettings(Mode mode, boolean insecure) {
    public static final AuthSettings DEFAULT = new AuthSettings(Mode.ANY, false);

    public enum Mode {
        ANY, ACCOUNTS, OFF;

        public static Mode parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "any", "" -> ANY;
                case "off", "none" -> OFF;
                case "accounts" -> ACCOUNTS;
                default -> throw new IllegalArgumentException("--smtp-auth must be 'any', 'accounts' or 'off', got '" + text + "'");
            };
        }
    }
}
