package io.mailbin.cli;

import io.mailbin.policy.DenyList;
import io.mailbin.store.DenyListStore;
import io.mailbin.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailbin denylist add|remove|list}: the senders refused with 554 5.7.1. Works on the data
 * directory, also while the server runs: it picks up changes within a few seconds.
 */
@Command(name = "denylist", mixinStandardHelpOptions = true,
        description = "Manage the deny-list: IPs, CIDR blocks and domains (HELO name or sender domain) refused with 554.",
        subcommands = {DenyListCommand.Add.class, DenyListCommand.Remove.class, DenyListCommand.ListEntries.class})
public final class DenyListCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Refuse mail from an IP (192.0.2.7), a CIDR block (192.0.2.0/24) or a domain and its subdomains.")
    static final class Add implements Callable<Integer> {
        @Mixin StoreOptions store;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ENTRY", description = "IP address, CIDR block or domain.") String entry;
        @Option(names = "--reason", description = "What refused senders are told (default: listed by the operator).") String reason;

        @Override
        public Integer call() {
            try (Store s = store.openStore(); DenyList list = DenyList.open(s.denyList(), Duration.ZERO)) {
                DenyListStore.Entry e = list.add(entry, reason);
                out(spec).println("deny-listed " + e.entry() + ": " + e.reason());
                return 0;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take an entry off the deny-list.")
    static final class Remove implements Callable<Integer> {
        @Mixin StoreOptions store;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ENTRY", description = "The entry as listed.") String entry;

        @Override
        public Integer call() {
            try (Store s = store.openStore(); DenyList list = DenyList.open(s.denyList(), Duration.ZERO)) {
                if (!list.remove(entry)) {
                    throw new IllegalArgumentException(entry + " is not on the deny-list");
                }
                out(spec).println("removed " + entry);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the deny-list: entry, when it was added, reason (tab separated).")
    static final class ListEntries implements Callable<Integer> {
        @Mixin StoreOptions store;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Store s = store.openStore()) {
                PrintWriter out = out(spec);
                for (DenyListStore.Entry e : s.denyList().list()) {
                    out.println(e.entry() + "\t" + e.added() + "\t" + e.reason());
                }
                return 0;
            }
        }
    }

    private static PrintWriter out(CommandLine.Model.CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        out.flush();
        return out;
    }
}
