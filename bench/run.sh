#!/usr/bin/env bash
# Ingest benchmark: Mailbin against Postfix's smtp-sink (protocol-only upper bound, stores nothing)
# and SubEthaSMTP's Wiser (in memory, no parsing), measured in the same run, interleaved.
#
#   bench/run.sh            3 interleaved rounds (PAIRS=5 for more)
#
# For each round and each server (order rotated per round), a fresh server takes COUNT_2K messages of
# 2 KB over 10 reused SMTP sessions (smtp-source -d): that first run is the cold figure (JIT warm-up,
# see lib.sh); then more messages, not measured, over several client runs, up to WARMUP in all; then COUNT_2K again, the warm
# figure. Then the same with COUNT_100K messages of 100 KB (COUNT_100K more to warm up) on another
# fresh server. Mailbin runs with its defaults: durable commits (fsync per group commit), full
# MIME parsing, spam scoring, retention on (newest 1,000 per public inbox, so every message also
# expires the inbox's oldest).
# Prints medians and ratios to smtp-sink and Wiser (for 2 KB warm also the ratio within each round),
# Mailbin's peak RSS, and the time from the 250 to the message being listed by the API (median and
# p99), idle and under 2 KB x 10 load, and how many messages each of Mailbin's group commits carried
# and how long it took (a slow disk shows there).
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
trap 'rm -rf "$work"' EXIT # also when a run fails or is interrupted
results=$work/results.tsv
: > "$results"

measure() { # SERVER SIZE COUNT WARMUP ROUND -> appends "server size warm-rate rss cold-rate commits ms round"
  local server=$1 size=$2 count=$3 warmup=$4 round=$5 smtp http pid cold rate rss before="" commits
  smtp=$(free_port); http=$(free_port)
  pid=$(start_server "$server" "$smtp" "$http" "$work/data-$smtp")
  sleep 1
  cold=$(smtp_load "$smtp" "$SESSIONS" "$count" "$size") || cold=0
  [ "$warmup" -gt 0 ] && warm_up "$smtp" "$SESSIONS" "$warmup" "$size"
  [ "$server" = mailbin ] && before=$(commit_totals "$http")
  rate=$(smtp_load "$smtp" "$SESSIONS" "$count" "$size") || rate=0
  commits="- -"
  [ "$server" = mailbin ] && commits=$(commit_delta "$before" "$(commit_totals "$http")")
  rss=$(peak_rss "$pid")
  stop_server "$pid"
  rm -rf "$work/data-$smtp"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$server" "$size" "$rate" "$rss" "$cold" "${commits// /$'\t'}" "$round" >> "$results"
  printf '  %-8s %6s B  cold %6s msgs/s, warm %6s msgs/s  peak RSS %s MiB' "$server" "$size" "$cold" "$rate" "$rss" >&2
  [ "$server" = mailbin ] && printf '  (warm: %s msgs per commit, %s ms per commit)' $commits >&2
  echo >&2
}

servers=(mailbin sink wiser)
for round in $(seq 1 "$PAIRS"); do
  echo "round $round/$PAIRS" >&2
  for i in 0 1 2; do
    s=${servers[$(( (i + round) % 3 ))]}
    measure "$s" 2048 "$COUNT_2K" "$((WARMUP > COUNT_2K ? WARMUP - COUNT_2K : 0))" "$round"
    measure "$s" 102400 "$COUNT_100K" "$COUNT_100K" "$round"
  done
done

# Latency from 250 to listed, idle then under load, on one Mailbin.
smtp=$(free_port); http=$(free_port)
pid=$(start_server mailbin "$smtp" "$http" "$work/data-latency")
warm_up "$smtp" "$SESSIONS" "$WARMUP" 2048 2> /dev/null
cp=$(bench_classpath)
read -r idle_med idle_p99 < <("$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.ListedLatency "$smtp" "$http" "$PROBES")
smtp_load "$smtp" "$SESSIONS" 200000 2048 > /dev/null 2>&1 &
load=$!
sleep 2
read -r load_med load_p99 < <("$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.ListedLatency "$smtp" "$http" "$PROBES")
kill "$load" 2>/dev/null || true; pkill -P "$load" 2>/dev/null || true
stop_server "$pid"

col() { awk -F'\t' -v s="$1" -v z="$2" -v c="$3" '$1==s && $2==z {print $c}' "$results" | median; }
colf() { # like col, for fractional columns
  awk -F'\t' -v s="$1" -v z="$2" -v c="$3" '$1==s && $2==z && $c != "-" {print $c}' "$results" | median_f
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "Mailbin ingest, ${PAIRS} interleaved rounds, medians (messages/second, 10 SMTP sessions, connections reused)"
printf '| %-20s | %8s | %9s | %9s | %8s | %9s | %s |\n' "message" "Mailbin" "smtp-sink" "ratio" "Wiser" "ratio" "Mailbin peak RSS"
printf '|%s|\n' "----------------------|----------|-----------|-----------|----------|-----------|-----------------"
for size in 2048 102400; do
  label=$([ "$size" = 2048 ] && echo "2 KB x 10" || echo "100 KB x 10")
  for phase in warm cold; do
    c=$([ $phase = warm ] && echo 3 || echo 5)
    m=$(col mailbin $size $c); k=$(col sink $size $c); w=$(col wiser $size $c); r=$(col mailbin $size 4)
    printf '| %-20s | %8s | %9s | %8sx | %8s | %8sx | %s |\n' "$label, $phase" "$m" "$k" "$(ratio "$m" "$k")" "$w" "$(ratio "$m" "$w")" \
      "$([ $phase = warm ] && echo "$r MiB" || echo "")"
  done
done
echo "(cold: the first ${COUNT_2K} (2 KB) or ${COUNT_100K} (100 KB) messages after start; warm: as many again on the"
echo " same server once ${WARMUP} (2 KB) or $((2 * COUNT_100K)) (100 KB) messages have been through)"
echo "Mailbin's store in the warm runs (medians): 2 KB $(colf mailbin 2048 6) messages per commit, $(colf mailbin 2048 7) ms"
echo " per commit; 100 KB $(colf mailbin 102400 6) per commit, $(colf mailbin 102400 7) ms (a slow disk shows as long commits)"
# Within a round the servers run back to back, so a ratio taken inside one round is less exposed to
# the machine drifting during the run than the ratio of two medians taken over all rounds.
per_round() { # SIZE OTHER -> each round's warm ratio of Mailbin to OTHER, a line each
  awk -F'\t' -v z="$1" -v o="$2" '$2 == z { rate[$8, $1] = $3; if ($8 > n) n = $8 }
    END { for (r = 1; r <= n; r++) if (rate[r, o] > 0) printf "%.2f\n", rate[r, "mailbin"] / rate[r, o] }' "$results"
}
for other in sink wiser; do
  name=$([ $other = sink ] && echo smtp-sink || echo Wiser)
  rounds=$(per_round 2048 $other)
  echo "2 KB x 10 warm, Mailbin/$name within each round: $(echo $rounds | sed 's/ /x, /g')x (median $(echo "$rounds" | median_f)x)"
done
echo
echo "250 -> listed by GET /api/addresses/{email}/messages (${PROBES} probes): idle median ${idle_med} ms, p99 ${idle_p99} ms;"
echo "under 2 KB x 10 load: median ${load_med} ms, p99 ${load_p99} ms"
