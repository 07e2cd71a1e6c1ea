#!/usr/bin/env bash
# The store's write path alone (io.mailbin.bench.StoreBenchmark): SENDERS threads save 2 KB messages to one
# public inbox as SMTP sessions do; prints the rate, the writer thread's CPU per message and the mean
# group-commit size, for 1, 2 and 10 senders (or the counts given), durable commits, retention on.
#   bench/store.sh              1, 2 and 10 senders
#   bench/store.sh 10 4         the sender counts to run
set -euo pipefail
. "$(dirname "$0")/lib.sh"
build_mailbin
(cd "$ROOT" && ./mvnw -q -B -ntp -DskipTests test-compile) >&2
for senders in "${@:-1 2 10}"; do
  for n in $senders; do
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$(bench_classpath)" io.mailbin.bench.StoreBenchmark \
      "$n" "${MESSAGES:-40000}" "${PUBLIC_MAX:-1000}" "${SYNC:-full}" 2>/dev/null | grep senders
  done
done
