package io.mailbin.spam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A trained spam classifier: tokenizer, learned token counts, chi-square combining and the
 * spam threshold. Scoring runs concurrently under a read lock (a java.util.concurrent lock, so
 * virtual threads never pin); the rare training calls take the write lock.
 */
public final class SpamModel {
    /** Where the model trained on the training list ships inside the jar. */
    public static final String DEFAULT_RESOURCE = "/io/mailbin/spam/default.model";
    /** Threshold of a model that was never calibrated: the chi-square "certainly spam" cut-off of SpamBayes. */
    public static final double UNCALIBRATED_THRESHOLD = 0.9;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Tokenizer tokenizer;
    private final TokenTable table;
    private final RobinsonSettings settings;
    private final Classifier classifier;
    private volatile double threshold;

    private SpamModel(Tokenizer tokenizer, TokenTable table, RobinsonSettings settings, double threshold) {
        this.tokenizer = tokenizer;
        this.table = table;
        this.settings = settings;
        this.classifier = new ChiSquareClassifier(settings);
        this.threshold = checkThreshold(threshold);
    }

    /** An untrained model: every message scores 0.5 until it learns something. */
    public static SpamModel empty() {
        return empty(RobinsonSettings.DEFAULT);
    }

    public static SpamModel empty(RobinsonSettings settings) {
        return new SpamModel(Tokenizer.standard(), new TokenTable(), settings, UNCALIBRATED_THRESHOLD);
    }

    /** The model shipped in the jar, trained on the SpamAssassin training list. A fresh, independent copy. */
    public static SpamModel loadDefault() {
        try (InputStream in = SpamModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default spam model " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default spam model: " + e.getMessage(), e);
        }
    }

    public static SpamModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static SpamModel read(InputStream in) throws IOException {
        ModelFile.Contents contents = ModelFile.read(in);
        return new SpamModel(Tokenizer.standard(), contents.table(), contents.settings(), contents.threshold());
    }

    public void save(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out);
        }
    }

    public void write(OutputStream out) throws IOException {
        write(out, 1);
    }

    /** Writes the model leaving out tokens seen in fewer than {@code minMessages} messages (1 keeps all). */
    public void write(OutputStream out, int minMessages) throws IOException {
        lock.readLock().lock();
        try {
            TokenTable written = minMessages > 1 ? table.pruned(minMessages) : table;
            ModelFile.write(new ModelFile.Contents(written, settings, threshold), out);
        } finally {
            lock.readLock().unlock();
        }
    }

    public void train(byte[] rawMessage, boolean spam) {
        learn(tokenizer.tokenize(rawMessage), spam, 1);
    }

    /** Forgets a message trained earlier with the same label, e.g. after a user corrects a verdict. */
    public void untrain(byte[] rawMessage, boolean spam) {
        learn(tokenizer.tokenize(rawMessage), spam, -1);
    }

    void learn(Collection<String> tokens, boolean spam, int delta) {
        Set<String> distinct = HashSet.newHashSet(tokens.size());
        distinct.addAll(tokens);
        lock.writeLock().lock();
        try {
            table.learn(distinct, spam, delta);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public double spamminess(byte[] rawMessage) {
        return spamminessOf(tokenizer.tokenize(rawMessage));
    }

    public double spamminess(SpamCheck check) {
        return spamminessOf(tokenizer.tokenize(check));
    }

    public Verdict check(byte[] rawMessage) {
        return verdict(spamminess(rawMessage));
    }

    public Verdict check(SpamCheck check) {
        return verdict(spamminess(check));
    }

    double spamminessOf(Collection<String> tokens) {
        lock.readLock().lock();
        try {
            return Spamminess.of(classifier.logOdds(tokens, table));
        } finally {
            lock.readLock().unlock();
        }
    }

    private Verdict verdict(double spamminess) {
        return new Verdict(spamminess >= threshold, spamminess);
    }

    /** Messages scoring at or above this are spam. */
    public double threshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        this.threshold = checkThreshold(threshold);
    }

    public RobinsonSettings settings() {
        return settings;
    }

    public int spamMessages() {
        lock.readLock().lock();
        try {
            return table.spamMessages();
        } finally {
            lock.readLock().unlock();
        }
    }

    public int hamMessages() {
        lock.readLock().lock();
        try {
            return table.hamMessages();
        } finally {
            lock.readLock().unlock();
        }
    }

    private static double checkThreshold(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("spam threshold must be in (0, 1], was " + threshold);
        }
        return threshold;
    }
}
