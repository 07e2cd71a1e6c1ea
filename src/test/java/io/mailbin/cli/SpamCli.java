package io.mailbin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code spam} command as a user would, capturing what it prints. */
record SpamCli(int exitCode, String out, String err) {

    static SpamCli run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode = SpamCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new SpamCli(exitCode, out.toString(), err.toString());
    }
}
