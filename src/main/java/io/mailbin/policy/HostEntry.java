package io.mailbin.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of an allow- or deny-list: an IP address, a CIDR block, or a domain (which covers its
 * subdomains). Parsed without any DNS lookup: only IP literals are read as addresses.
 *
 * @param text   the entry in canonical form: {@code 192.0.2.7}, {@code 2001:db8::/32}, {@code spam.test}
 * @param kind   what it matches
 * @param prefix the CIDR prefix length (the full address length for a single IP)
 */
public record HostEntry(String text, Kind kind, byte[] address, int prefix) {
    public enum Kind { IP, CIDR, DOMAIN }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    /** Reads an entry as an operator writes it; throws with what is wrong. */
    public static HostEntry parse(String raw) {
        String s = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an entry must be an IP address, a CIDR block or a domain, got nothing");
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            InetAddress base = literal(s.substring(0, slash));
            if (base == null) {
                throw new IllegalArgumentException("not a CIDR block: '" + raw + "' (try 192.0.2.0/24 or 2001:db8::/32)");
            }
            int bits = base.getAddress().length * 8;
            int prefix;
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("not a CIDR block: '" + raw + "' (prefix must be 0 to " + bits + ")");
            }
            byte[] masked = mask(base.getAddress(), prefix);
            String text = address(masked) + "/" + prefix;
            return prefix == bits ? new HostEntry(address(masked), Kind.IP, masked, bits) : new HostEntry(text, Kind.CIDR, masked, prefix);
        }
        InetAddress ip = literal(s);
        if (ip != null) {
            return new HostEntry(ip.getHostAddress(), Kind.IP, ip.getAddress(), ip.getAddress().length * 8);
        }
        String domain = s.startsWith("@") ? s.substring(1) : s;
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (!DOMAIN.matcher(domain).matches() || IPV4.matcher(domain).matches()) {
            throw new IllegalArgumentException("not an IP address, CIDR block or domain: '" + raw + "'");
        }
        return new HostEntry(domain, Kind.DOMAIN, null, 0);
    }

    /** An IP literal (v4 dotted quad, or v6 with colons, brackets allowed), or null; never a DNS lookup. */
    public static InetAddress literal(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (t.startsWith("ipv6:")) {
            t = t.substring(5);
        }
        if (!IPV4.matcher(t).matches() && !t.contains(":")) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether this IP or CIDR entry contains {@code ip} (in the same address family). */
    public boolean contains(byte[] ip) {
        if (address == null || ip.length != address.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(ip, prefix), address);
    }

    static byte[] mask(byte[] ip, int prefix) {
        byte[] out = ip.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static String address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(new BigInteger(1, raw).toString(16), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostEntry e && e.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
