package io.mailbin.smtp;

import io.mailbin.ingest.Ingest;
import javax.net.ssl.SSLContext;

/** What every session of one listener shares: settings, the ingest pipeline, admission, read deadlines and metrics. */
record SmtpServices(SmtpSettings settings, String hostname, Ingest ingest, AdmissionQueue queue, SenderPolicy senders,
                    SSLContext tls, SmtpAuthenticator authenticator, SmtpMetrics metrics,
                    ReadDeadlines deadlines) {
}
