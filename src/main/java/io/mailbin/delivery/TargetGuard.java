package io.mailbin.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Keeps webhook and Slack requests off internal networks (SSRF). It sits where the HTTP client turns a
 * host name into addresses, so the address checked is the address connected to (no DNS-rebinding gap),
 * and every redirect passes through it too.
 */
final class TargetGuard implements SocketAddressResolver {
    private final SocketAddressResolver dns;
    private final boolean allowPrivate;

    TargetGuard(SocketAddressResolver dns, boolean allowPrivate) {
        this.dns = dns;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        dns.resolve(host, port, context, new Promise<>() {
            @Override
            public void succeeded(List<InetSocketAddress> addresses) {
                List<InetSocketAddress> allowed = addresses.stream().filter(a -> allowPrivate || isPublic(a.getAddress())).toList();
                if (allowed.isEmpty()) {
                    promise.failed(new RefusedTargetException(host + " resolves only to private, loopback, link-local or"
                            + " multicast addresses; refused (an operator may allow it with --allow-private-webhooks)"));
                } else {
                    promise.succeeded(allowed);
                }
            }

            @Override
            public void failed(Throwable x) {
                promise.failed(x);
            }
        });
    }

    /** Whether an address is on the public internet. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)      // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))          // benchmarking
                    && first < 240;                                               // reserved, broadcast
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address that must be checked as one
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A target refused by the guard: retrying will not help. */
    static final class RefusedTargetException extends RuntimeException {
        RefusedTargetException(String message) {
            super(message, null, false, false);
        }
    }
}
