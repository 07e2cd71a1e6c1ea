package io.mailbin.spam;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * K-fold cross-validation: each fold is scored by a model trained on the other folds, with the
 * same tokenizer, pruning and combining as a shipped model.
 *
 * @param folds number of folds, at least 2
 * @param algorithm how token evidence is combined
 * @param settings Robinson parameters (used by chi-square)
 * @param minMessages tokens seen in fewer training messages are pruned before scoring (1 keeps all)
 * @param seed varies the (deterministic) fold assignment; 0 is the standard one
 */
public record CrossValidation(int folds, Algorithm algorithm, RobinsonSettings settings, int minMessages, int seed) {

    public List<ScoredMessage> run(List<LabelledMessage> messages, Tokenizer tokenizer) {
        List<Set<String>> tokens = IntStream.range(0, messages.size()).parallel()
                .mapToObj(i -> (Set<String>) new HashSet<>(tokenizer.tokenize(messages.get(i).raw())))
                .toList();
        int[] fold = Folds.assign(messages, folds, seed);
        Classifier classifier = algorithm.classifier(settings);
        List<ScoredMessage> scored = new ArrayList<>(messages.size());
        for (int f = 0; f < folds; f++) {
            var table = new TokenTable();
            for (int i = 0; i < messages.size(); i++) {
                if (fold[i] != f) {
                    table.learn(tokens.get(i), messages.get(i).spam(), 1);
                }
            }
            TokenTable trained = minMessages > 1 ? table.pruned(minMessages) : table;
            for (int i = 0; i < messages.size(); i++) {
                if (fold[i] == f) {
                    LabelledMessage message = messages.get(i);
                    double spamminess = Spamminess.of(classifier.logOdds(tokens.get(i), trained));
                    scored.add(new ScoredMessage(message.name(), message.spam(), spamminess));
                }
            }
        }
        return scored;
    }
}
