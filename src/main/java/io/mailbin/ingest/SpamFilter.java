package io.mailbin.ingest;

import io.mailbin.spam.SpamModel;
import io.mailbin.store.SpamModelStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gives every message a spam score at ingest and learns from users' corrections. Scoring runs after
 * routing, so an account's own model (when learning is per account) and its settings apply.
 *
 * <p>Models start as the default model shipped in the jar; a correction (moving a message into or out
 * of the spam folder) trains the model of its scope and saves it with the lesson, so restarts keep
 * what was learned and a message moved back and forth is never counted twice.
 */
public final class SpamFilter {
    public static final String GLOBAL = "global";
    static final int ACCOUNT_MODELS_IN_MEMORY = 4;

    /** Where corrections are learned: one model for everyone, one per account, or nowhere. */
    public enum Learning { GLOBAL, ACCOUNT, OFF }

    /**
     * @param threshold score at or above which mail goes to the spam folder; null uses the model's own
     */
    public record Settings(boolean enabled, Double threshold, Learning learning) {}

    /** A message's score and whether it belongs in the spam folder. */
    public record Score(double spamminess, boolean spam) {}

    private final SpamModelStore store;
    private final Settings settings;
    private final SpamModel global;
    private final Map<String, SpamModel> accounts = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SpamModel> eldest) {
            return size() > ACCOUNT_MODELS_IN_MEMORY;
        }
    };

    public SpamFilter(SpamModelStore store, Settings settings) {
        this.store = store;
        this.settings = settings;
        this.global = load(GLOBAL);
    }

    private SpamModel load(String scope) {
        Optional<byte[]> saved = store.model(scope);
        if (saved.isEmpty() && !scope.equals(GLOBAL)) {
            return copy(global);
        }
        try {
            return saved.isPresent() ? SpamModel.read(new ByteArrayInputStream(saved.get())) : SpamModel.loadDefault();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved spam model of " + scope, e);
        }
    }

    private static SpamModel copy(SpamModel model) {
        try {
            return SpamModel.read(new ByteArrayInputStream(bytes(model)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(SpamModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try {
            model.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The model that judges (and learns from) mail owned by {@code owner} (null: public mail). */
    private SpamModel modelFor(String owner) {
        if (settings.learning() != Learning.ACCOUNT || owner == null) {
            return global;
        }
        synchronized (accounts) { // loading a model is rare; scoring with it happens outside the lock
            return accounts.computeIfAbsent(owner, this::load);
        }
    }

    private String scopeOf(String owner) {
        return settings.learning() == Learning.ACCOUNT && owner != null ? owner : GLOBAL;
    }

    /** Scores a message for an owner; {@code filterOff} keeps it out of the spam folder whatever the score. */
    public Score score(byte[] raw, String owner, boolean filterOff) {
        if (!settings.enabled()) {
            return null;
        }
        SpamModel model = modelFor(owner);
        double s = model.spamminess(raw);
        double threshold = settings.threshold() != null ? settings.threshold() : model.threshold();
        return new Score(s, !filterOff && s >= threshold);
    }

    /**
     * A user filed the message as spam (or took it out of spam): teach the owner's model, once. Returns
     * false when learning is off or the message had already taught this.
     */
    public boolean learn(String messageId, String owner, byte[] raw, boolean spam) {
        if (!settings.enabled() || settings.learning() == Learning.OFF) {
            return false;
        }
        String scope = scopeOf(owner);
        SpamModel model = modelFor(owner);
        Optional<Boolean> earlier = store.lesson(messageId, scope);
        if (earlier.isPresent() && earlier.get() == spam) {
            return false;
        }
        earlier.ifPresent(wasSpam -> model.untrain(raw, wasSpam));
        model.train(raw, spam);
        store.saveLesson(scope, bytes(model), messageId, spam);
        return true;
    }
}
