#!/usr/bin/env bash
# A/B ingest benchmark of two Mailbin configurations, interleaved: same load (2 KB x 10 sessions by
# default), fresh server per run warmed up with WARMUP messages first (see lib.sh), medians of ROUNDS
# runs and the ratio B/A; per run also Mailbin's CPU per message and how busy the machine's cores were.
#   bench/ab.sh "--spam-filter=false" "--spam-filter=true"        scoring off vs on
#   DIR_B=/dev/shm bench/ab.sh "" ""                               data on disk vs on tmpfs (what I/O costs)
#   git worktree add /tmp/before HEAD~1 && ROOT_A=/tmp/before bench/ab.sh "" ""    a change, before vs after
# DIR_A / DIR_B: the folder each configuration's data directory goes in (default: a temporary one).
# ROOT_A / ROOT_B: the checkout whose build each side runs (default: this one; built first).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
A=${1?usage: ab.sh "ARGS A" "ARGS B"}
B=${2?usage: ab.sh "ARGS A" "ARGS B"}
ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-20000}
SIZE=${SIZE:-2048}
install_peers
build_mailbin
for other in "${ROOT_A:-}" "${ROOT_B:-}"; do
  [ -n "$other" ] && (cd "$other" && ./mvnw -q -B -ntp -DskipTests package) >&2
done
work=$(mktemp -d /tmp/mailbin-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT # also when a run fails or is interrupted
: > "$work/rates"
run() { # LABEL ARGS
  local smtp http pid rate dir
  smtp=$(free_port); http=$(free_port)
  dir=$([ "$1" = A ] && echo "${DIR_A:-$work}" || echo "${DIR_B:-$work}")/mailbin-ab-data
  local root; root=$([ "$1" = A ] && echo "${ROOT_A:-$ROOT}" || echo "${ROOT_B:-$ROOT}")
  pid=$(ROOT=$root MAILBIN_ARGS="$2" start_server mailbin "$smtp" "$http" "$dir")
  sleep 1
  warm_up "$smtp" 10 "$WARMUP" "$SIZE"
  local c0 m0 use
  c0=$(cpu_ticks "$pid"); m0=$(machine_ticks)
  rate=$(smtp_load "$smtp" 10 "$COUNT" "$SIZE") || rate=0
  use=$(cpu_use "$c0" "$(cpu_ticks "$pid")" "$m0" "$(machine_ticks)" "$COUNT")
  stop_server "$pid"
  rm -rf "$dir"
  echo "$1 $rate $use" >> "$work/rates"
  echo "  $1 ($2): $rate msgs/s, ${use%% *} us CPU per message, machine ${use##* }% busy" >&2
}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then run A "$A"; run B "$B"; else run B "$B"; run A "$A"; fi
done
a=$(awk '$1=="A"{print $2}' "$work/rates" | median)
b=$(awk '$1=="B"{print $2}' "$work/rates" | median)
for side in A B; do
  args=$([ $side = A ] && echo "$A" || echo "$B")
  echo "$side ($args): median $(awk -v s=$side '$1==s{print $2}' "$work/rates" | median) msgs/s," \
    "$(awk -v s=$side '$1==s{print $3}' "$work/rates" | median) us CPU per message," \
    "machine $(awk -v s=$side '$1==s{print $4}' "$work/rates" | median)% busy"
done
awk -v a="$a" -v b="$b" 'BEGIN { printf "B/A = %.2f\n", (a > 0 ? b / a : 0) }'
