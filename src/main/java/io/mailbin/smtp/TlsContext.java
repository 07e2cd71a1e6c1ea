package io.mailbin.smtp;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;

import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Builds the server's {@link SSLContext} from PEM files, or from a self-signed certificate made at start
 * for the hostname, {@code localhost} and the loopback addresses.
 */
final class TlsContext {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContext() {}

    static SSLContext create(TlsSettings settings, String hostname) {
        try {
            if (settings.certificate() != null) {
                return context(readKey(settings.key()), readChain(settings.certificate()));
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = g.generateKeyPair();
            return context(pair.getPrivate(), new X509Certificate[] {selfSigned(pair, hostname)});
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot set up TLS for SMTP: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(PrivateKey key, X509Certificate[] chain) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("smtp", key, NO_PASSWORD, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, NO_PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return ctx;
    }

    private static X509Certificate selfSigned(KeyPair pair, String hostname)
            throws OperatorCreationException, GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=" + hostname.replaceAll("[,=+<>#;\"\\\\]", "_"));
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))), name, pair.getPublic());
        // the loopback names too: clients that trust any certificate (Angus Mail's ssl.trust=*) still check the name
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, hostname), new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")}));
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static X509Certificate[] readChain(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            for (Object o; (o = p.readObject()) != null; ) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(h));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException("no certificate found in " + file + " (expected PEM: -----BEGIN CERTIFICATE-----)");
        }
        return chain.toArray(new X509Certificate[0]);
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o; (o = p.readObject()) != null; ) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException("no unencrypted private key found in " + file
                + " (expected PEM: -----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----)");
    }

}
