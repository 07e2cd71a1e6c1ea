package io.mailbin.cli;

import io.mailbin.spam.SpamModel;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spam serve}: the spam-check HTTP API, until the process is stopped. */
@Command(name = "serve", description = "Serve POST " + SpamCheckServer.PATH + " over HTTP.")
final class SpamServeCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port to listen on (0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        SpamModel model = modelOption.load();
        var stopped = new CountDownLatch(1);
        Thread hook = new Thread(stopped::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try (var server = SpamCheckServer.start(model, new InetSocketAddress(bind, port))) {
            spec.commandLine().getOut().println("spam checks on http://" + bind + ":" + server.port() + SpamCheckServer.PATH);
            spec.commandLine().getOut().flush();
            try {
                stopped.await(); // until the JVM shuts down, or the thread running the command is interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        } finally {
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
    }
}
