package io.mailbin.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A normalised mailbox address, the key every inbox is filed under.
 *
 * <p>Normalisation follows Mailsac: the whole address is lower case, and a {@code +tag} in the local part
 * is dropped from the inbox while the full address is kept as the original inbox. Syntax follows RFC 5321
 * with RFC 6531 (UTF-8 local parts and domains) so SMTPUTF8 senders are accepted.
 *
 * @param local  local part, lower case, possibly with a {@code +tag}
 * @param domain domain, lower case
 */
public record EmailAddress(String local, String domain) {
    static final int MAX_LOCAL_OCTETS = 64;
    static final int MAX_DOMAIN_OCTETS = 255;
    static final int MAX_LABEL_OCTETS = 63;

    /** Parses and normalises; throws {@link InvalidAddressException} naming the broken rule. */
    public static EmailAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidAddressException("", "empty address");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new InvalidAddressException(text, "expected local-part@domain");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        checkLocal(text, local);
        checkDomain(text, domain);
        return new EmailAddress(local.toLowerCase(Locale.ROOT), domain.toLowerCase(Locale.ROOT));
    }

    /** The full address as received, including any {@code +tag}. */
    public String address() {
        return local + "@" + domain;
    }

    /** The inbox the address files into: the address without its {@code +tag}. */
    public String inbox() {
        int plus = local.indexOf('+');
        return plus > 0 && !local.startsWith("\"") ? local.substring(0, plus) + "@" + domain : address();
    }

    @Override
    public String toString() {
        return address();
    }

    private static void checkLocal(String all, String local) {
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_OCTETS) {
            throw new InvalidAddressException(all, "local part longer than " + MAX_LOCAL_OCTETS + " octets");
        }
        if (local.length() >= 2 && local.charAt(0) == '"' && local.charAt(local.length() - 1) == '"') {
            checkQuoted(all, local.substring(1, local.length() - 1));
            return;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidAddressException(all, "local part has a misplaced dot");
        }
        for (int i = 0; i < local.length(); ) {
            int c = local.codePointAt(i);
            if (!isAtext(c) && c != '.') {
                throw new InvalidAddressException(all, "character '" + printable(c) + "' not allowed in local part");
            }
            i += Character.charCount(c);
        }
    }

    private static void checkQuoted(String all, String inner) {
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
                if (i == inner.length()) {
                    throw new InvalidAddressException(all, "dangling backslash in quoted local part");
                }
            } else if (c == '"' || c < 0x20 || c == 0x7f) {
                throw new InvalidAddressException(all, "character not allowed in quoted local part");
            }
        }
    }

    private static void checkDomain(String all, String domain) {
        if (domain.startsWith("[") && domain.endsWith("]")) {
            String literal = domain.substring(1, domain.length() - 1);
            if (!literal.matches("(\\d{1,3}\\.){3}\\d{1,3}|IPv6:[0-9A-Fa-f:.]+")) {
                throw new InvalidAddressException(all, "bad address literal");
            }
            return;
        }
        if (domain.getBytes(StandardCharsets.UTF_8).length > MAX_DOMAIN_OCTETS) {
            throw new InvalidAddressException(all, "domain longer than " + MAX_DOMAIN_OCTETS + " octets");
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new InvalidAddressException(all, "empty domain label");
            }
            if (label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_OCTETS) {
                throw new InvalidAddressException(all, "domain label longer than " + MAX_LABEL_OCTETS + " octets");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw new InvalidAddressException(all, "domain label starts or ends with '-'");
            }
            for (int i = 0; i < label.length(); ) {
                int c = label.codePointAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || (c > 0x7f && Character.isLetterOrDigit(c));
                if (!ok) {
                    throw new InvalidAddressException(all, "character '" + printable(c) + "' not allowed in domain");
                }
                i += Character.charCount(c);
            }
        }
    }

    /** RFC 5322 atext, extended by RFC 6531 to every non-ASCII character. */
    private static boolean isAtext(int c) {
        if (c > 0x7f) {
            return !Character.isISOControl(c) && !Character.isWhitespace(c);
        }
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static String printable(int c) {
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : Character.toString(c);
    }
}
