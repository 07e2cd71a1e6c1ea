package io.mailbin.cli;

import io.mailbin.account.Accounts;
import io.mailbin.store.Account;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailbin account create|list|key rotate|delete}: accounts and their API keys. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Manage accounts and their API keys.",
        subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class, AccountCommand.Key.class,
                AccountCommand.Delete.class})
final class AccountCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account; its API key is printed as the last line, once.")
    static final class Create implements Runnable {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "Account name: lower-case letters, digits, '.', '_' or '-'.")
        String name;
        @Option(names = "--operator", description = "The account's key may manage every account.")
        boolean operator;

        @Override
        public void run() {
            try (StoreOptions.Opened o = store.open()) {
                Accounts.Issued issued = o.services().accounts().create(name, operator);
                PrintWriter out = spec.commandLine().getOut();
                out.println("created account " + issued.account().id() + (operator ? " (operator)" : "")
                        + "; its API key, shown this once:");
                out.println(issued.key());
                out.flush();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
    static final class ListAccounts implements Runnable {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;

        @Override
        public void run() {
            try (StoreOptions.Opened o = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                for (Account a : o.services().accounts().list()) {
                    out.printf("%-30s created %s%s, %d addresses, %d domains%n", a.id(), a.created(),
                            a.operator() ? ", operator" : "", o.services().directory().addressesOf(a.id()).size(),
                            o.services().directory().domainsOf(a.id()).size());
                }
                out.flush();
            }
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true, description = "Manage an account's API key.",
            subcommands = Key.Rotate.class)
    static final class Key implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "rotate", mixinStandardHelpOptions = true,
                description = "Replace the account's key; the old one stops working. The new key is the last line.")
        static final class Rotate implements Runnable {
            @Mixin StoreOptions store;
            @Spec CommandSpec spec;
            @Parameters(paramLabel = "NAME") String name;

            @Override
            public void run() {
                try (StoreOptions.Opened o = store.open()) {
                    Accounts.Issued issued = o.services().accounts().rotateKey(name);
                    PrintWriter out = spec.commandLine().getOut();
                    out.println("new API key for " + issued.account().id() + ", shown this once:");
                    out.println(issued.key());
                    out.flush();
                }
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an account with its keys, addresses, domains and private mail.")
    static final class Delete implements Runnable {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public void run() {
            try (StoreOptions.Opened o = store.open()) {
                o.services().accounts().delete(name);
                spec.commandLine().getOut().println("deleted account " + name);
                spec.commandLine().getOut().flush();
            }
        }
    }
}
