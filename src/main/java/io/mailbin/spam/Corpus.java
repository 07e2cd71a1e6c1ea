package io.mailbin.spam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads labelled messages from spam and ham folders, optionally restricted by a list.
 *
 * <p>The list is a TSV of {@code path<TAB>label} lines (label {@code spam} or {@code ham}; a
 * {@code path<TAB>label} header line is allowed). A file {@code F} in a folder {@code D} is used
 * when some entry's path ends with {@code D/F}, i.e. its last two path components are the
 * folder's name and the file's name; the entry's label must agree with the side the folder was
 * given as. Files in the folders that the list does not name are never opened, which is what
 * keeps a held-out evaluation set untouched. Without a list every regular, non-hidden file is used.
 */
public final class Corpus {

    private Corpus() {
    }

    public static List<LabelledMessage> load(List<Path> spamDirs, List<Path> hamDirs, Path list) throws IOException {
        Map<String, Boolean> listed = list == null ? null : readList(list);
        List<LabelledMessage> messages = new ArrayList<>();
        for (Path dir : spamDirs) {
            messages.addAll(readDir(dir, true, listed));
        }
        for (Path dir : hamDirs) {
            messages.addAll(readDir(dir, false, listed));
        }
        return messages;
    }

    /** Entry key ("folder/file") to whether it is spam. */
    static Map<String, Boolean> readList(Path list) throws IOException {
        Map<String, Boolean> entries = new HashMap<>();
        List<String> lines = Files.readAllLines(list);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            if (columns.length != 2) {
                throw new IOException(list + " line " + (i + 1) + ": expected path<TAB>label, got: " + line);
            }
            String label = columns[1].strip().toLowerCase(Locale.ROOT);
            if (label.equals("label") && i == 0) {
                continue;
            }
            if (!label.equals("spam") && !label.equals("ham")) {
                throw new IOException(list + " line " + (i + 1) + ": label must be spam or ham, got: " + columns[1]);
            }
            entries.put(lastTwo(Path.of(columns[0].strip())), label.equals("spam"));
        }
        return entries;
    }

    private static List<LabelledMessage> readDir(Path dir, boolean spam, Map<String, Boolean> listed) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        List<LabelledMessage> messages = new ArrayList<>();
        for (Path file : files) {
            String key = lastTwo(file);
            if (listed != null) {
                Boolean listedSpam = listed.get(key);
                if (listedSpam == null) {
                    continue;
                }
                if (listedSpam != spam) {
                    throw new IOException(key + " is listed as " + (listedSpam ? "spam" : "ham")
                            + " but its folder was given as " + (spam ? "--spam" : "--ham"));
                }
            }
            messages.add(new LabelledMessage(key, spam, Files.readAllBytes(file)));
        }
        return messages;
    }

    private static String lastTwo(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        int count = normalized.getNameCount();
        return count < 2 ? normalized.toString()
                : normalized.getName(count - 2) + "/" + normalized.getName(count - 1);
    }
}
