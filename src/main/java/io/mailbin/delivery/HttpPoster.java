package io.mailbin.delivery;

import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * POSTs JSON to webhook and Slack targets with bounded time and memory: connect and read timeouts,
 * a cap on how much of the answer is read, at most three redirects, every address checked by
 * {@link TargetGuard}. A 2xx answer is a delivery.
 */
final class HttpPoster implements AutoCloseable {
    private final HttpClient client = new HttpClient();
    private final long timeoutMillis;
    private final long responseCap;

    HttpPoster(DeliverySettings settings) {
        this.timeoutMillis = settings.timeout().toMillis();
        this.responseCap = settings.responseCap();
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("webhook-client");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        client.setExecutor(pool);
        client.setConnectTimeout(timeoutMillis);
        client.setIdleTimeout(timeoutMillis);
        client.setFollowRedirects(true);
        client.setMaxRedirects(3);
        client.setMaxConnectionsPerDestination(Math.max(2, settings.perTargetConcurrency()));
        client.setUserAgentField(new org.eclipse.jetty.http.HttpField("User-Agent", "Mailbin-Webhook/1"));
        client.setSocketAddressResolver(new TargetGuard(settings.allowPrivateTargets()));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the webhook HTTP client", e);
        }
    }

    Outcome postJson(String url, byte[] json) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Outcome.giveUp(null, "not a URL: " + e.getMessage());
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        client.newRequest(uri)
                .method(HttpMethod.POST)
                .body(new BytesRequestContent("application/json", json))
                .timeout(timeoutMillis * 2, TimeUnit.MILLISECONDS)
                .send(listener);
        try {
            Response response = listener.get(timeoutMillis * 2, TimeUnit.MILLISECONDS);
            int status = response.getStatus();
            drain(listener.getInputStream());
            if (status >= 200 && status < 300) {
                return Outcome.delivered(status);
            }
            return Outcome.retry(status, "target answered HTTP " + status);
        } catch (ExecutionException e) {
            Throwable cause = rootCause(e);
            if (cause instanceof TargetGuard.RefusedTargetException) {
                return Outcome.giveUp(null, cause.getMessage());
            }
            return Outcome.retry(null, describe(cause));
        } catch (TimeoutException e) {
            return Outcome.retry(null, "no answer within " + (timeoutMillis * 2) + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, "interrupted");
        }
    }

    /** Reads (and drops) at most the response cap, then lets the rest go: the answer's body is not ours to keep. */
    private void drain(InputStream body) {
        try (body) {
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; total < responseCap && (n = body.read(buf, 0, (int) Math.min(buf.length, responseCap - total))) > 0; ) {
                total += n;
            }
        } catch (java.io.IOException ignored) {
            // the status has been read; a broken body does not undo the delivery
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}
