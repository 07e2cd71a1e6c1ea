import java.net.InetAddress;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;

/** SubEthaSMTP's Wiser on 127.0.0.1:PORT: accepts every message and keeps it in memory, no parsing. */
public class WiserPeer {
    public static void main(String[] args) throws Exception {
        Wiser wiser = Wiser.create(SMTPServer.port(Integer.parseInt(args[0]))
                .bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1"));
        wiser.start();
        Thread.currentThread().join();
    }
}
