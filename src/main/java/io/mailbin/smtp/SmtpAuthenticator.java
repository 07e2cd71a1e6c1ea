package io.mailbin.smtp;

/**
 * Decides SMTP AUTH (PLAIN, LOGIN) credentials. Mailbin is a mail catcher: by default it runs in capture
 * mode ({@link #ANY}), accepting whatever an application under test was configured with, because such an
 * application fails without AUTH rather than sending unauthenticated. A checking implementation (an
 * account name with its API key) is passed to {@link SmtpServer}'s constructor by whoever owns accounts.
 */
@FunctionalInterface
public interface SmtpAuthenticator {
    /** Capture mode: any user name and password are accepted. */
    SmtpAuthenticator ANY = (user, password) -> true;

    /** Whether {@code user} may send with {@code password}. */
    boolean authenticate(String user, String password);
}
