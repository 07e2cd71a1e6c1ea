#!/usr/bin/env bash
# SMTP under pressure: Mailbin with its capacity queue (default capacity, queue timeout 60 s) against
# Postfix's smtp-sink (protocol only, stores nothing, no queue) as the reference, in one run.
#
#   bench/pressure.sh          3 interleaved rounds (ROUNDS=5 for more)
#
# 1. Throughput and latency as concurrency climbs (LEVELS, default 10 100 1000 sessions): for each round,
#    level and server (order rotated per round), a fresh server takes COUNT messages of SIZE bytes from
#    io.mailbin.bench.PressureLoad (the same client for both servers: one reused connection per session;
#    a message's latency runs from MAIL, or from the connect for a session's first message, to the reply
#    after DATA, so time spent queued counts). Prints medians, ratios to smtp-sink, and Mailbin's
#    throughput at the top level as a share of its peak (target: within 20%).
# 2. Memory with IDLE (default 10,000) connections held in the queue: capacity 1, one connection holds
#    the permit, the others connect and wait; Mailbin's RSS once all of them are queued (target ≤ 512 MiB).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-10000}
SIZE=${SIZE:-2048}
LEVELS=${LEVELS:-10 100 1000}
IDLE=${IDLE:-10000}

# every connection is a file descriptor, on both sides
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((IDLE + 1000)) ]; then
  echo "need at least $((IDLE + 1000)) open files (ulimit -Hn is $(ulimit -Hn)); set IDLE lower" >&2
  exit 1
fi
[ -x /usr/sbin/smtp-sink ] || install_peers
build_mailbin
cp=$(bench_classpath)
work=$(mktemp -d /tmp/mailbin-pressure.XXXXXX)
trap 'rm -rf "$work"' EXIT # also when a run fails or is interrupted
results=$work/results.tsv
: > "$results"

measure() { # SERVER SESSIONS -> appends "server sessions rate p50 p99 accepted refused errors"
  local server=$1 sessions=$2 smtp http pid out
  smtp=$(free_port); http=$(free_port)
  pid=$(start_server "$server" "$smtp" "$http" "$work/data-$smtp")
  sleep 1
  out=$("$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.PressureLoad "$smtp" "$sessions" "$COUNT" "$SIZE") || out="0 0 0 0 0 1"
  stop_server "$pid"
  rm -rf "$work/data-$smtp"
  printf '%s\t%s\t%s\n' "$server" "$sessions" "$(echo "$out" | tr ' ' '\t')" >> "$results"
  printf '  %-8s %5s sessions: %s\n' "$server" "$sessions" "$out" >&2
}

servers=(mailbin sink)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS (msgs/s p50_ms p99_ms accepted refused errors)" >&2
  for level in $LEVELS; do
    for i in 0 1; do
      measure "${servers[$(( (i + round) % 2 ))]}" "$level"
    done
  done
done

# Memory with IDLE connections waiting in the queue.
smtp=$(free_port); http=$(free_port)
pid=$(MAILBIN_ARGS="--smtp-capacity 1 --smtp-max-connections $((IDLE + 100)) --smtp-queue-timeout 10m" \
      start_server mailbin "$smtp" "$http" "$work/data-idle")
sleep 1
rss_before=$(awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
mkfifo "$work/hold"
"$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.IdleConnections "$smtp" "$IDLE" < "$work/hold" > "$work/idle.out" 2>&1 &
client=$!
exec 3> "$work/hold"
queued=0
for _ in $(seq 1 600); do
  queued=$(curl -sf "http://127.0.0.1:$http/metrics" | awk '/^mailbin_smtp_queue_waiting / {printf "%.0f", $2}')
  [ "${queued:-0}" -ge "$IDLE" ] && break
  kill -0 "$client" 2>/dev/null || break
  sleep 0.2
done
sleep 2
rss_idle=$(awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
heap_idle=$(curl -sf "http://127.0.0.1:$http/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%.0f", s/1048576}')
exec 3>&-
wait "$client" 2>/dev/null || true
stop_server "$pid"

col() { awk -F'\t' -v s="$1" -v c="$2" -v k="$3" '$1==s && $2==c {print $k}' "$results" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "SMTP under pressure, ${ROUNDS} interleaved rounds, medians; ${COUNT} messages of ${SIZE} B per run, one reused"
echo "connection per session; Mailbin with its defaults (capacity queue on, fsync'd group commit, full MIME parsing)"
printf '| %8s | %14s | %7s | %7s | %16s | %7s | %9s | %s |\n' "sessions" "Mailbin msgs/s" "p50 ms" "p99 ms" "smtp-sink msgs/s" "p99 ms" "ratio" "Mailbin 421s"
printf '|%s|\n' "----------|----------------|---------|---------|------------------|---------|-----------|-------------"
peak=0; last=0
for level in $LEVELS; do
  m=$(col mailbin "$level" 3); k=$(col sink "$level" 3)
  printf '| %8s | %14s | %7s | %7s | %16s | %7s | %8sx | %s |\n' "$level" "$m" "$(col mailbin "$level" 4)" \
    "$(col mailbin "$level" 5)" "$k" "$(col sink "$level" 5)" "$(ratio "$m" "$k")" "$(col mailbin "$level" 7)"
  [ "$m" -gt "$peak" ] && peak=$m
  last=$m
done
echo
echo "Mailbin at the top level: $(awk -v a="$last" -v b="$peak" 'BEGIN { printf "%.0f", (b > 0 ? 100 * a / b : 0) }')% of its peak throughput (target: at least 80%)."
echo "${queued} connections held in the queue: Mailbin RSS ${rss_idle} MiB (${rss_before} MiB before), heap in use ${heap_idle} MiB (target: at most 512 MiB RSS)."
