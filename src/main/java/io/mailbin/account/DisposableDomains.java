package io.mailbin.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Known disposable-mail domains, from the npm package disposable-email-domains, shipped in the jar
 * (refresh with {@code bin/refresh-disposable-domains}). Loaded on first use: most servers never ask.
 */
final class DisposableDomains {
    static final String RESOURCE = "disposable-domains.txt.gz";

    private final Set<String> exact = new HashSet<>(200_000);
    private final Set<String> wildcard = new HashSet<>();

    private DisposableDomains() {}

    static DisposableDomains load() {
        DisposableDomains d = new DisposableDomains();
        try (InputStream raw = DisposableDomains.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("disposable domain list missing from the build: " + RESOURCE);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("*.")) {
                    d.wildcard.add(line.substring(2));
                } else {
                    d.exact.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    /** The listed domain that makes {@code domain} disposable (itself, or a wildcard parent), or null. */
    String match(String domain) {
        if (exact.contains(domain) || wildcard.contains(domain)) {
            return domain;
        }
        for (int dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
            String parent = domain.substring(dot + 1);
            if (wildcard.contains(parent)) {
                return parent;
            }
        }
        return null;
    }
}
