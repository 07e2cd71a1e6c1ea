package io.mailbin;

import io.mailbin.cli.MailbinCommand;

/** Entry point of the {@code mailbin} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int exit = MailbinCommand.run(args);
        if (exit != MailbinCommand.KEEP_RUNNING) {
            System.exit(exit);
        }
    }
}
