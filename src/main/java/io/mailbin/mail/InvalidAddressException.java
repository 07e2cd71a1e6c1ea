package io.mailbin.mail;

/** An address that cannot be a mailbox; the message says which rule it breaks, for SMTP replies and API errors. */
public final class InvalidAddressException extends IllegalArgumentException {
    public InvalidAddressException(String address, String reason) {
        super("invalid address '" + printable(address) + "': " + reason);
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? '?' : Character.toString(c)));
        return b.toString();
    }
}
