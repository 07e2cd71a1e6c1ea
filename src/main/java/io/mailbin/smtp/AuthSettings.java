package io.mailbin.smtp;

import java.util.Locale;

/**
 * SMTP AUTH on inbound mail.
 *
 * @param mode     {@code ANY}: any credentials are accepted (capture mode); {@code OFF}: AUTH is not offered
 * @param insecure offer AUTH before STARTTLS too (passwords then travel in clear text)
 */
public record AuthSettings(Mode mode, boolean insecure) {
    public static final AuthSettings DEFAULT = new AuthSettings(Mode.ANY, false);

    public enum Mode {
        ANY, OFF;

        public static Mode parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "any", "" -> ANY;
                case "off", "none" -> OFF;
                case "accounts" -> throw new IllegalArgumentException(
                        "--smtp-auth=accounts needs accounts, which this build does not have yet; use 'any' or 'off'");
                default -> throw new IllegalArgumentException("--smtp-auth must be 'any' or 'off', got '" + text + "'");
            };
        }
    }
}
