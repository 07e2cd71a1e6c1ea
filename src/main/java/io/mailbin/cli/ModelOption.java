package io.mailbin.cli;

import io.mailbin.spam.SpamModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --model option of commands that score: a model file, or the default model shipped in the jar. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "FILE", description = "Model file (default: the model shipped with Mailbin).")
    Path model;

    SpamModel load() throws IOException {
        return model == null ? SpamModel.loadDefault() : SpamModel.load(model);
    }
}
