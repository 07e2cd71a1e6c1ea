#!/usr/bin/env bash
# A/B ingest benchmark of two Mailbin configurations, interleaved: same load (2 KB x 10 sessions by
# default), fresh server per run warmed up with WARMUP messages first (see lib.sh), medians of ROUNDS
# runs and the ratio B/A.
#   bench/ab.sh "--spam-filter=false" "--spam-filter=true"        scoring off vs on
#   DIR_B=/dev/shm bench/ab.sh "" ""                               data on disk vs on tmpfs (what I/O costs)
# DIR_A / DIR_B: the folder each configuration's data directory goes in (default: a temporary one).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
A=${1?usage: ab.sh "ARGS A" "ARGS B"}
B=${2?usage: ab.sh "ARGS A" "ARGS B"}
ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-20000}
SIZE=${SIZE:-2048}
install_peers
build_mailbin
work=$(mktemp -d /tmp/mailbin-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT # also when a run fails or is interrupted
: > "$work/rates"
run() { # LABEL ARGS
  local smtp http pid rate dir
  smtp=$(free_port); http=$(free_port)
  dir=$([ "$1" = A ] && echo "${DIR_A:-$work}" || echo "${DIR_B:-$work}")/mailbin-ab-data
  pid=$(MAILBIN_ARGS="$2" start_server mailbin "$smtp" "$http" "$dir")
  sleep 1
  warm_up "$smtp" 10 "$WARMUP" "$SIZE"
  rate=$(smtp_load "$smtp" 10 "$COUNT" "$SIZE") || rate=0
  stop_server "$pid"
  rm -rf "$dir"
  echo "$1 $rate" >> "$work/rates"
  echo "  $1 ($2): $rate msgs/s" >&2
}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then run A "$A"; run B "$B"; else run B "$B"; run A "$A"; fi
done
a=$(awk '$1=="A"{print $2}' "$work/rates" | median)
b=$(awk '$1=="B"{print $2}' "$work/rates" | median)
echo "A ($A): median $a msgs/s"
echo "B ($B): median $b msgs/s"
awk -v a="$a" -v b="$b" 'BEGIN { printf "B/A = %.2f\n", (a > 0 ? b / a : 0) }'
