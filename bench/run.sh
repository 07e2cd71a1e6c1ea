#!/usr/bin/env bash
# Ingest benchmark: Mailbin against Postfix's smtp-sink (protocol-only upper bound, stores nothing)
# and SubEthaSMTP's Wiser (in memory, no parsing), measured in the same run, interleaved.
#
#   bench/run.sh            3 interleaved rounds (PAIRS=5 for more)
#
# For each round and each server (order rotated per round), a fresh server takes COUNT_2K messages of
# 2 KB and COUNT_100K of 100 KB over 10 reused SMTP sessions (smtp-source -d). Mailbin runs with its
# defaults: durable commits (fsync per group commit), full MIME parsing, retention on.
# Prints medians and ratios to smtp-sink and Wiser, Mailbin's peak RSS, and the time from the 250
# to the message being listed by the API (median and p99), idle and under 2 KB x 10 load.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
PAIRS=${PAIRS:-3}
COUNT_2K=${COUNT_2K:-20000}
COUNT_100K=${COUNT_100K:-4000}
PROBES=${PROBES:-300}
SESSIONS=10

install_peers
build_mailbin
work=$(mktemp -d /tmp/mailbin-bench.XXXXXX)
results=$work/results.tsv
: > "$results"

measure() { # SERVER SIZE COUNT -> appends "server size rate rss"
  local server=$1 size=$2 count=$3 smtp http pid rate rss
  smtp=$(free_port); http=$(free_port)
  pid=$(start_server "$server" "$smtp" "$http" "$work/data-$smtp")
  sleep 1
  rate=$(smtp_load "$smtp" "$SESSIONS" "$count" "$size") || rate=0
  rss=$(peak_rss "$pid")
  stop_server "$pid"
  rm -rf "$work/data-$smtp"
  printf '%s\t%s\t%s\t%s\n' "$server" "$size" "$rate" "$rss" >> "$results"
  printf '  %-8s %6s B  %6s msgs/s  peak RSS %s MiB\n' "$server" "$size" "$rate" "$rss" >&2
}

servers=(mailbin sink wiser)
for round in $(seq 1 "$PAIRS"); do
  echo "round $round/$PAIRS" >&2
  for i in 0 1 2; do
    s=${servers[$(( (i + round) % 3 ))]}
    measure "$s" 2048 "$COUNT_2K"
    measure "$s" 102400 "$COUNT_100K"
  done
done

# Latency from 250 to listed, idle then under load, on one Mailbin.
smtp=$(free_port); http=$(free_port)
pid=$(start_server mailbin "$smtp" "$http" "$work/data-latency")
cp=$(bench_classpath)
read -r idle_med idle_p99 < <("$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.ListedLatency "$smtp" "$http" "$PROBES")
smtp_load "$smtp" "$SESSIONS" 200000 2048 > /dev/null 2>&1 &
load=$!
sleep 2
read -r load_med load_p99 < <("$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.ListedLatency "$smtp" "$http" "$PROBES")
kill "$load" 2>/dev/null || true; pkill -P "$load" 2>/dev/null || true
stop_server "$pid"

col() { awk -F'\t' -v s="$1" -v z="$2" -v c="$3" '$1==s && $2==z {print $c}' "$results" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "Mailbin ingest, ${PAIRS} interleaved rounds, medians (messages/second, 10 SMTP sessions, connections reused)"
printf '| %-12s | %8s | %9s | %9s | %8s | %9s | %s |\n' "message" "Mailbin" "smtp-sink" "ratio" "Wiser" "ratio" "Mailbin peak RSS"
printf '|%s|\n' "--------------|----------|-----------|-----------|----------|-----------|-----------------"
for size in 2048 102400; do
  m=$(col mailbin $size 3); k=$(col sink $size 3); w=$(col wiser $size 3); r=$(col mailbin $size 4)
  label=$([ "$size" = 2048 ] && echo "2 KB x 10" || echo "100 KB x 10")
  printf '| %-12s | %8s | %9s | %8sx | %8s | %8sx | %s MiB |\n' "$label" "$m" "$k" "$(ratio "$m" "$k")" "$w" "$(ratio "$m" "$w")" "$r"
done
echo
echo "250 -> listed by GET /api/addresses/{email}/messages (${PROBES} probes): idle median ${idle_med} ms, p99 ${idle_p99} ms;"
echo "under 2 KB x 10 load: median ${load_med} ms, p99 ${load_p99} ms"
rm -rf "$work"
