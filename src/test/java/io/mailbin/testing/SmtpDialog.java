package io.mailbin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare SMTP client over a socket, for tests that must send exactly the bytes they mean, including
 * malformed ones, and read every reply line.
 */
public final class SmtpDialog implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    public SmtpDialog(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and reads the 220 greeting. */
    public static SmtpDialog open(int port) {
        SmtpDialog d = new SmtpDialog(port);
        d.expect(220);
        return d;
    }

    public SmtpDialog send(String line) {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public SmtpDialog sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one (possibly multi-line) reply. */
    public Reply reply() {
        try {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new AssertionError("connection closed; reply so far: " + lines);
                }
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a reply and fails unless it has {@code code}. */
    public Reply expect(int code) {
        Reply r = reply();
        if (r.code() != code) {
            throw new AssertionError("expected " + code + " but got " + r.lines());
        }
        return r;
    }

    public SmtpDialog command(String line, int code) {
        send(line);
        expect(code);
        return this;
    }

    /**
     * Starts TLS over this connection (after the server's 220 to STARTTLS), trusting any certificate:
     * test servers use self-signed ones. Anything the reader had buffered in plain text is dropped.
     */
    public SmtpDialog startTls() {
        try {
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
                @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
                @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
            }}, null);
            javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
                    .createSocket(socket, "127.0.0.1", socket.getPort(), true);
            s.startHandshake();
            socket = s;
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = s.getOutputStream();
            return this;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server sends nothing for {@code millis} (e.g. while this connection waits in the queue). */
    public boolean silentFor(int millis) {
        try {
            socket.setSoTimeout(millis);
            try {
                in.mark(1);
                int c = in.read();
                if (c >= 0) {
                    in.reset();
                }
                return false;
            } catch (java.net.SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(10_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server has closed the connection. */
    public boolean closedByServer() {
        try {
            return in.readLine() == null;
        } catch (IOException e) {
            return true;
        }
    }

    /** HELO through DATA for one message; returns the reply after the terminating dot. */
    public Reply sendMessage(String from, List<String> to, String body) {
        command("MAIL FROM:<" + from + ">", 250);
        for (String r : to) {
            command("RCPT TO:<" + r + ">", 250);
        }
        command("DATA", 354);
        String data = body.endsWith("\r\n") ? body : body + "\r\n";
        sendRaw((data + ".\r\n").getBytes(StandardCharsets.UTF_8));
        return reply();
    }

    /** Drops the connection with a reset (RST), as a crashed client would: the server's next write fails. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        /** The queue id in {@code 250 2.0.0 Ok: queued as <id>}. */
        public String queueId() {
            String last = lines.getLast();
            return last.substring(last.lastIndexOf(' ') + 1);
        }
    }
}
