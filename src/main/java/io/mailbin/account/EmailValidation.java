package io.mailbin.account;

import io.mailbin.mail.EmailAddress;
import io.mailbin.mail.InvalidAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The spec's email validation: is an address well formed, and is it disposable — on one of this
 * server's own public domains, or on a known disposable-mail domain. No DNS lookups are made, so
 * {@code aliases} is always empty.
 */
public final class EmailValidation {
    public static final int BULK_LIMIT = 50;

    /** The spec's {@code EmailAddressIntegrity}. */
    public record Integrity(String email, boolean validFormat, String local, String domain, boolean isDisposable,
                            List<String> disposableDomains, List<String> aliases) {}

    private final Set<String> ownDomains;

    /** Loaded at the first validation, by class initialisation (thread-safe, once); most servers never ask. */
    private static final class Known {
        static final DisposableDomains LIST = DisposableDomains.load();
    }

    public EmailValidation(List<String> publicDomains) {
        this.ownDomains = publicDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    public Integrity validate(String email) {
        String text = email == null ? "" : email.trim();
        EmailAddress a;
        try {
            a = EmailAddress.parse(text);
        } catch (InvalidAddressException e) {
            int at = text.lastIndexOf('@');
            return new Integrity(text, false, at > 0 ? text.substring(0, at) : text, at >= 0 ? text.substring(at + 1) : "",
                    false, List.of(), List.of());
        }
        List<String> disposable = new ArrayList<>(1);
        if (ownDomains.contains(a.domain())) {
            disposable.add(a.domain());
        } else {
            String match = Known.LIST.match(a.domain());
            if (match != null) {
                disposable.add(match);
            }
        }
        return new Integrity(text, true, a.local(), a.domain(), !disposable.isEmpty(), disposable, List.of());
    }

}
