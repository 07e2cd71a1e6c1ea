import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The least an SMTP server with one (virtual) thread per connection and blocking sockets can do: on
 * 127.0.0.1:PORT it answers every command smtp-source sends and throws the mail away. No parsing, no
 * storage, no limits: what this architecture costs before it does any work (bench/floor.sh).
 */
public class ThreadResponder {
    private static final byte[] OK = "250 2.0.0 Ok\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GO = "354 End data with <CR><LF>.<CR><LF>\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYE = "221 2.0.0 Bye\r\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws IOException {
        try (ServerSocket listener = new ServerSocket(Integer.parseInt(args[0]), 1024, InetAddress.getLoopbackAddress())) {
            while (true) {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(s));
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
            OutputStream out = socket.getOutputStream();
            out.write("220 127.0.0.1 ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = new byte[1024];
            boolean data = false;
            while (true) {
                int n = 0;
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    if (n < line.length) {
                        line[n++] = (byte) c;
                    }
                }
                if (c < 0) {
                    return;
                }
                if (data) { // only the lone dot that ends the message gets an answer
                    if (n == 2 && line[0] == '.') {
                        data = false;
                        out.write(OK);
                    }
                    continue;
                }
                String verb = new String(line, 0, Math.min(n, 4), StandardCharsets.US_ASCII);
                if (verb.equalsIgnoreCase("DATA")) {
                    data = true;
                    out.write(GO);
                } else if (verb.equalsIgnoreCase("QUIT")) {
                    out.write(BYE);
                    return;
                } else {
                    out.write(OK);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
