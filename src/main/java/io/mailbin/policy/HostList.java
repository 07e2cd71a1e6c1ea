package io.mailbin.policy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of {@link HostEntry}s with lookups fast enough for every connection: IPs and domains
 * by hash (a domain also matches through each of its parents), CIDR blocks by a scan of the (few) blocks.
 *
 * @param <V> what each entry carries (a deny reason, or nothing)
 */
public final class HostList<V> {
    private final Map<String, V> exact = new HashMap<>();
    private final List<Map.Entry<HostEntry, V>> blocks = new ArrayList<>();
    private final Map<HostEntry, V> all = new java.util.LinkedHashMap<>();

    public HostList(Map<HostEntry, V> entries) {
        entries.forEach((e, v) -> {
            all.put(e, v);
            if (e.kind() == HostEntry.Kind.CIDR) {
                blocks.add(Map.entry(e, v));
            } else {
                exact.put(e.text(), v);
            }
        });
    }

    public static HostList<Boolean> of(Collection<String> entries) {
        Map<HostEntry, Boolean> m = new java.util.LinkedHashMap<>();
        for (String s : entries) {
            m.put(HostEntry.parse(s), Boolean.TRUE);
        }
        return new HostList<>(m);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public Map<HostEntry, V> entries() {
        return java.util.Collections.unmodifiableMap(all);
    }

    /** The entry covering this IP address (given as a literal), if any. */
    public Optional<Map.Entry<HostEntry, V>> matchIp(String ip) {
        InetAddress address = HostEntry.literal(ip);
        if (address == null) {
            return Optional.empty();
        }
        String canonical = address.getHostAddress();
        V v = exact.get(canonical);
        if (v != null) {
            return Optional.of(Map.entry(HostEntry.parse(canonical), v));
        }
        byte[] raw = address.getAddress();
        for (Map.Entry<HostEntry, V> b : blocks) {
            if (b.getKey().contains(raw)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The entry covering this domain or one of its parents ({@code spam.test} covers {@code a.spam.test}). */
    public Optional<Map.Entry<HostEntry, V>> matchDomain(String domain) {
        if (domain == null || domain.isEmpty() || exact.isEmpty()) {
            return Optional.empty();
        }
        String d = domain.toLowerCase(Locale.ROOT);
        d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        while (true) {
            V v = exact.get(d);
            if (v != null) {
                return Optional.of(Map.entry(new HostEntry(d, HostEntry.Kind.DOMAIN, null, 0), v));
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            d = d.substring(dot + 1);
        }
    }

    /** An IP literal is looked up as an address, anything else as a domain. */
    public Optional<Map.Entry<HostEntry, V>> match(String ipOrDomain) {
        return HostEntry.literal(ipOrDomain.strip()) != null ? matchIp(ipOrDomain.strip()) : matchDomain(ipOrDomain.strip());
    }
}
