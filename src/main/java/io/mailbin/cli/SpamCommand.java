package io.mailbin.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spam}: train, evaluate and run the spam classifier. The product's top-level
 * {@code mailbin} command registers it as a subcommand; {@link #main} runs it on its own.
 */
@Command(name = "spam",
        description = "Train, evaluate and serve the Naive Bayes spam classifier.",
        subcommands = {SpamTrainCommand.class, SpamClassifyCommand.class, SpamEvalCommand.class, SpamServeCommand.class})
public final class SpamCommand implements Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: train, classify, eval or serve");
    }

    /** A command line for {@code spam} whose errors are one line, e.g. for tests to call {@code execute} on. */
    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new SpamCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            err.println("spam: " + exception.getMessage() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            err.println("spam " + cmd.getCommandName() + ": " + exception.getMessage());
            return 1;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
