#!/usr/bin/env bash
# The floor under any SMTP server on this machine: what the server's architecture costs before it does
# any work, measured against Postfix's smtp-sink and Mailbin in the same run, interleaved.
#
#   bench/floor.sh            3 interleaved rounds (ROUNDS=5 for more)
#
# Four servers take the same load, 2 KB over 10 reused sessions (smtp-source -d), each fresh per round
# and warmed up first (WARMUP messages, see lib.sh):
#   smtp-sink          Postfix's sink: C, one event loop, throws the mail away
#   loop-responder     bench/peers/LoopResponder.java: Java, one NIO selector loop, throws the mail away
#   thread-responder   bench/peers/ThreadResponder.java: Java, a virtual thread per connection on
#                      blocking sockets (Mailbin's SMTP architecture), throws the mail away
#   mailbin            Mailbin with its defaults: parsed, scored, committed with fsync before the 250
# Prints medians, each as a ratio to smtp-sink. A server that does nothing cannot beat its own
# responder's ratio, so the responders bound what any server of that architecture can reach here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-3}
COUNT=${COUNT:-20000}
SESSIONS=10

install_peers
build_mailbin
work=$(mktemp -d /tmp/mailbin-floor.XXXXXX)
trap 'rm -rf "$work"' EXIT # also when a run fails or is interrupted
: > "$work/rates"

measure() { # SERVER -> appends "server rate"
  local server=$1 smtp http pid rate
  smtp=$(free_port); http=$(free_port)
  pid=$(start_server "$server" "$smtp" "$http" "$work/data-$smtp")
  sleep 1
  warm_up "$smtp" "$SESSIONS" "$WARMUP" 2048
  rate=$(smtp_load "$smtp" "$SESSIONS" "$COUNT" 2048) || rate=0
  stop_server "$pid"
  rm -rf "$work/data-$smtp"
  echo "$server $rate" >> "$work/rates"
  printf '  %-16s %6s msgs/s\n' "$server" "$rate" >&2
}

servers=(sink loop-responder thread-responder mailbin)
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  for i in 0 1 2 3; do
    measure "${servers[$(( (i + round) % 4 ))]}"
  done
done

col() { awk -v s="$1" '$1==s {print $2}' "$work/rates" | median; }
sink=$(col sink)
echo
echo "Architecture floor, ${ROUNDS} interleaved rounds, medians (2 KB x ${SESSIONS} sessions, connections reused, warm)"
printf '| %-40s | %8s | %13s |\n' "server" "msgs/s" "vs smtp-sink"
printf '|%s|\n' "------------------------------------------|----------|---------------"
for s in sink loop-responder thread-responder mailbin; do
  m=$(col "$s")
  printf '| %-40s | %8s | %12sx |\n' "$s" "$m" "$(awk -v a="$m" -v b="$sink" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')"
done
