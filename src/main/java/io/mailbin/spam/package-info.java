/**
 * Naive Bayes spam classification for Mailbin, usable on its own (it depends on the JDK,
 * mime4j and jsoup only).
 *
 * <p>Data flow: raw message bytes (or a {@link io.mailbin.spam.SpamCheck}) →
 * {@link io.mailbin.spam.Tokenizer} (MimeReader → HeaderTokenizer, WordTokenizer, UrlTokens,
 * HtmlText) → tokens → {@link io.mailbin.spam.SpamModel}, whose TokenTable holds what was
 * learned and whose ChiSquareClassifier turns the strongest clues into log-odds →
 * Spamminess in (0, 1) → {@link io.mailbin.spam.Verdict} against the model's threshold.
 * Models are stored by ModelFile; the shipped one is {@link io.mailbin.spam.SpamModel#loadDefault()}.
 *
 * <p>Measurement: {@link io.mailbin.spam.Corpus} reads labelled folders (optionally filtered by
 * a list), {@link io.mailbin.spam.CrossValidation} scores each fold with a model trained on the
 * others, {@link io.mailbin.spam.Evaluation} reports AUC, recall/false-positive points and the
 * calibrated threshold. See bench/spam/README.md for the figures.
 */
package io.mailbin.spam;
