package io.mailbin.cli;

import io.mailbin.account.Caller;
import io.mailbin.store.CustomDomain;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailbin domain add|list|remove}: custom domains, whose every address belongs to their owner. */
@Command(name = "domain", mixinStandardHelpOptions = true, description = "Manage custom domains.",
        subcommands = {DomainCommand.Add.class, DomainCommand.ListDomains.class, DomainCommand.Remove.class})
final class DomainCommand implements Runnable {
    /** The command line acts as the operator. */
    static final Caller OPERATOR = new Caller(null, true);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a custom domain for an account.")
    static final class Add implements Runnable {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "DOMAIN") String domain;
        @Option(names = "--owner", required = true, paramLabel = "NAME", description = "The account that owns it.")
        String owner;
        @Option(names = "--public", description = "Let anyone read its mail (default: private to the owner).")
        boolean isPublic;
        @Option(names = "--enablews", description = "Publish its mail to the owner's web sockets.")
        boolean enablews;

        @Override
        public void run() {
            try (StoreOptions.Opened o = store.open()) {
                CustomDomain d = o.services().domains().add(OPERATOR, domain, owner, enablews, !isPublic);
                spec.commandLine().getOut().println("added " + d.domain() + " for " + d.owner()
                        + (d.isPrivate() ? " (private)" : " (public)"));
                spec.commandLine().getOut().flush();
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List custom domains.")
    static final class ListDomains implements Runnable {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;

        @Override
        public void run() {
            try (StoreOptions.Opened o = store.open()) {
                PrintWriter out = spec.commandLine().getOut();
                for (CustomDomain d : o.store().accounts().domains()) {
                    out.printf("%-40s owner %s, %s%s%n", d.domain(), d.owner(), d.isPrivate() ? "private" : "public",
                            o.services().directory().catchAll(d.domain()).isPresent() ? ", catch-all" : "");
                }
                out.flush();
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a custom domain (its mail stays private to the owner unless --delete-messages).")
    static final class Remove implements Runnable {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "DOMAIN") String domain;
        @Option(names = "--delete-messages", description = "Also delete the domain's mail.")
        boolean deleteMessages;

        @Override
        public void run() {
            try (StoreOptions.Opened o = store.open()) {
                o.services().domains().remove(OPERATOR, domain, deleteMessages);
                spec.commandLine().getOut().println("removed " + domain);
                spec.commandLine().getOut().flush();
            }
        }
    }
}
