package io.mailbin.cli;

import io.mailbin.spam.SpamModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spam classify}: one spamminess per message file, in argument order. */
@Command(name = "classify", description = "Print the spamminess (0 to 1) of each raw message file, one per line.")
final class SpamClassifyCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Raw RFC 822 message files.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        SpamModel model = modelOption.load();
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : files) {
            out.println(model.spamminess(Files.readAllBytes(file)));
        }
        out.flush();
        return 0;
    }
}
