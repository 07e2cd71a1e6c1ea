package io.mailbin.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code mailbin} command; each subcommand is one class. */
@Command(name = "mailbin",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Self-hosted disposable email: SMTP in, Mailsac-compatible API out.",
        subcommands = {ServeCommand.class, AccountCommand.class, DomainCommand.class, DenyListCommand.class, SpamCommand.class,
                CommandLine.HelpCommand.class})
public final class MailbinCommand implements Runnable {
    /** Returned by a command that keeps running in the background (serve): the JVM must not be exited. */
    public static final int KEEP_RUNNING = -1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Bad flags and failures end in one line that says what to fix, never a stack trace or a page of usage. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MailbinCommand());
        cl.setParameterExceptionHandler((e, argv) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("mailbin: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("mailbin: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return 1;
        });
        return cl;
    }
}
