package io.mailbin.smtp;

import java.nio.file.Path;

/**
 * TLS for inbound SMTP: STARTTLS is always offered; with no certificate configured a self-signed one is
 * generated for the hostname at start (test senders rarely verify; a real certificate can be given).
 *
 * @param certificate PEM certificate chain, or null for a generated self-signed certificate
 * @param key         PEM private key (PKCS#8 or traditional RSA/EC), required with {@code certificate}
 * @param smtpsPort   port for implicit TLS (SMTPS, RFC 8314), or -1 for none
 * @param required    refuse MAIL with 530 until the client has started TLS
 */
public record TlsSettings(Path certificate, Path key, int smtpsPort, boolean required) {
    public static final TlsSettings DEFAULT = new TlsSettings(null, null, -1, false);

    public TlsSettings {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--smtp-tls-cert and --smtp-tls-key go together: give both or neither");
        }
        if (smtpsPort < -1 || smtpsPort > 65535) {
            throw new IllegalArgumentException("--smtps-port must be 'off' or between 0 and 65535, got " + smtpsPort);
        }
    }

    public boolean implicitPort() {
        return smtpsPort >= 0;
    }
}
