package io.mailbin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark load (run by bench/pressure.sh, not a test): takes the one processing permit with a first
 * connection (it reads the greeting and then idles), then opens {@code COUNT} more connections that
 * send nothing, so all of them wait in the queue. Prints "ready" once every connect has completed and
 * holds them until its standard input closes.
 *
 * <p>Usage: {@code IdleConnections PORT COUNT}.
 */
public final class IdleConnections {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        List<Socket> held = new ArrayList<>(count + 1);
        Socket holder = new Socket("127.0.0.1", port);
        InputStream greeting = holder.getInputStream();
        while (greeting.read() != '\n') {
            // the 220 line: this connection now holds the permit
        }
        held.add(holder);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
            held.add(s);
        }
        System.out.println("ready " + held.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the script closes our input
        }
        for (Socket s : held) {
            s.close();
        }
    }
}
