package io.mailbin.store;

import java.util.List;

/**
 * The parts of a message its readers change: folder, labels, read state, and who starred it.
 *
 * @param savedBy the account that starred the message, or null
 */
public record Flags(String folder, List<String> labels, boolean read, String savedBy) {
    public Flags {
        labels = List.copyOf(labels);
    }

    public Flags withFolder(String f) {
        return new Flags(f, labels, read, savedBy);
    }

    public Flags withLabels(List<String> l) {
        return new Flags(folder, l, read, savedBy);
    }

    public Flags withRead(boolean r) {
        return new Flags(folder, labels, r, savedBy);
    }

    public Flags withSavedBy(String s) {
        return new Flags(folder, labels, read, s);
    }
}
