package io.mailbin.cli;

import io.mailbin.spam.Corpus;
import io.mailbin.spam.LabelledMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The --spam, --ham and --list options shared by {@code spam train} and {@code spam eval}. */
final class CorpusOptions {
    @Option(names = "--spam", required = true, paramLabel = "DIR",
            description = "Folder of spam messages, one raw message per file (repeatable).")
    List<Path> spamDirs;

    @Option(names = "--ham", required = true, paramLabel = "DIR",
            description = "Folder of ham messages, one raw message per file (repeatable).")
    List<Path> hamDirs;

    @Option(names = "--list", paramLabel = "FILE",
            description = "TSV of path<TAB>label: use only the folder files whose folder/file name ends a listed path;"
                    + " files not listed are never opened. Without it every file in the folders is used.")
    Path list;

    List<LabelledMessage> load() throws IOException {
        return Corpus.load(spamDirs, hamDirs, list);
    }
}
