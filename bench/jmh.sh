#!/usr/bin/env bash
# Runs JMH benchmarks (the classes in src/test/java/io/mailbin/bench): bench/jmh.sh [REGEX] [JMH options]
#   bench/jmh.sh IngestBenchmark         parse cost per message
#   bench/jmh.sh SpamBenchmark -f 1      classifier cost
set -euo pipefail
. "$(dirname "$0")/lib.sh"
build_mailbin
(cd "$ROOT" && ./mvnw -q -B -ntp -DskipTests test-compile) >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$(bench_classpath)" org.openjdk.jmh.Main "${@:-.*}"
