#!/usr/bin/env bash
# Live-forwarding benchmark: time from the 250 to the web-socket frame and to the webhook request
# (median, p99), idle and under 2 KB x 10-session load; and ingest throughput with 100 open web
# sockets (99 on other addresses, one on the loaded address) against none, interleaved, medians.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-5}
COUNT=${COUNT:-20000}
PROBES=${PROBES:-300}
install_peers
build_mailbin
cp=$(bench_classpath)
work=$(mktemp -d /tmp/mailbin-live.XXXXXX)
trap 'rm -rf "$work"' EXIT # also when a run fails or is interrupted
export MAILBIN_ARGS="--allow-private-webhooks --public-max-messages 0"

# latency, idle and under load
smtp=$(free_port); http=$(free_port)
pid=$(start_server mailbin "$smtp" "$http" "$work/data")
key=$(mailbin_cli "$work/data" account create bench 2>/dev/null | tail -n 1)
warm_up "$smtp" 10 "$WARMUP" 2048 2> /dev/null
read -r ws_med ws_p99 hook_med hook_p99 < <("$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.LiveLatency "$smtp" "$http" "$key" "$PROBES")
smtp_load "$smtp" 10 1000000 2048 > /dev/null 2>&1 &
load=$!
sleep 2
read -r lws_med lws_p99 lhook_med lhook_p99 < <("$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.LiveLatency "$smtp" "$http" "$key" "$PROBES")
kill "$load" 2>/dev/null || true; pkill -f "smtp-source.*$smtp" 2>/dev/null || true
stop_server "$pid"

# throughput with and without 100 sockets
: > "$work/rates"
run() { # MODE
  local smtp http pid key holder="" rate
  rm -rf "$work/data"
  smtp=$(free_port); http=$(free_port)
  pid=$(start_server mailbin "$smtp" "$http" "$work/data")
  key=$(mailbin_cli "$work/data" account create bench 2>/dev/null | tail -n 1)
  if [ "$1" = sockets ]; then
    "$JAVA_HOME/bin/java" -cp "$cp" io.mailbin.bench.HoldSockets "$http" "$key" 100 rcpt@bench.test > "$work/holder.out" 2>&1 &
    holder=$!
    for _ in $(seq 1 300); do grep -q ready "$work/holder.out" 2>/dev/null && break; sleep 0.1; done
  else
    curl -sf -X POST -H "Mailsac-Key: $key" -H 'Content-Type: application/json' -d '{"enablews":true}' \
      "http://127.0.0.1:$http/api/addresses/rcpt@bench.test" > /dev/null
  fi
  warm_up "$smtp" 10 "$WARMUP" 2048
  rate=$(smtp_load "$smtp" 10 "$COUNT" 2048) || rate=0
  [ -n "$holder" ] && kill "$holder" 2>/dev/null
  stop_server "$pid"
  echo "$1 $rate" >> "$work/rates"
  echo "  $1: $rate msgs/s" >&2
}
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then run none; run sockets; else run sockets; run none; fi
done
none=$(awk '$1=="none"{print $2}' "$work/rates" | median)
with=$(awk '$1=="sockets"{print $2}' "$work/rates" | median)
echo
echo "250 -> web-socket frame: idle median ${ws_med} ms, p99 ${ws_p99} ms; under 2 KB x 10 load: median ${lws_med} ms, p99 ${lws_p99} ms"
echo "250 -> webhook request:  idle median ${hook_med} ms, p99 ${hook_p99} ms; under 2 KB x 10 load: median ${lhook_med} ms, p99 ${lhook_p99} ms"
echo "ingest 2 KB x 10 (${ROUNDS} interleaved rounds, medians): ${none} msgs/s without sockets, ${with} with 100 open sockets"
awk -v a="$none" -v b="$with" 'BEGIN { printf "with / without = %.2f\n", (a > 0 ? b / a : 0) }'
