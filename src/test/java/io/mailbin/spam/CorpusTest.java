package io.mailbin.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    @Test
    void listSelectsFilesByFolderAndNameAndNeverOpensTheOthers(@TempDir Path root) throws IOException {
        Path spam = Files.createDirectories(root.resolve("data/spam-1"));
        Path ham = Files.createDirectories(root.resolve("data/easy-ham-1"));
        Files.write(spam.resolve("1.txt"), Messages.spam(1));
        Files.write(ham.resolve("1.txt"), Messages.ham(1));
        Path unreadable = Files.createDirectory(ham.resolve("held-out.txt")); // opening it would fail
        Files.write(ham.resolve("2.txt"), Messages.ham(2));
        Path list = Files.writeString(root.resolve("train.tsv"), "path\tlabel\ndata/spam-1/1.txt\tspam\ndata/easy-ham-1/1.txt\tham\n");

        List<LabelledMessage> listed = Corpus.load(List.of(spam), List.of(ham), list);
        List<LabelledMessage> all = Corpus.load(List.of(spam), List.of(ham), null);

        assertThat(listed).extracting(LabelledMessage::name).containsExactly("spam-1/1.txt", "easy-ham-1/1.txt");
        assertThat(listed).extracting(LabelledMessage::spam).containsExactly(true, false);
        assertThat(all).extracting(LabelledMessage::name).containsExactly("spam-1/1.txt", "easy-ham-1/1.txt", "easy-ham-1/2.txt");
        assertThat(unreadable).isDirectory();
    }

    @Test
    void labelsThatContradictTheFolderSideAreErrors(@TempDir Path root) throws IOException {
        Path spam = Files.createDirectories(root.resolve("spam"));
        Path ham = Files.createDirectories(root.resolve("ham"));
        Files.write(spam.resolve("a.txt"), Messages.spam(1));
        Path list = Files.writeString(root.resolve("list.tsv"), "spam/a.txt\tham\n");
        Path badLabel = Files.writeString(root.resolve("bad.tsv"), "spam/a.txt\tmaybe\n");

        assertThatThrownBy(() -> Corpus.load(List.of(spam), List.of(ham), list))
                .hasMessageContaining("spam/a.txt is listed as ham but its folder was given as --spam");
        assertThatThrownBy(() -> Corpus.load(List.of(spam), List.of(ham), badLabel))
                .hasMessageContaining("line 1: label must be spam or ham");
        assertThatThrownBy(() -> Corpus.load(List.of(root.resolve("missing")), List.of(ham), null))
                .hasMessageContaining("not a directory");
    }
}
