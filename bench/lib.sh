# shellcheck shell=bash
# Shared helpers for the benchmark scripts. Everything runs on 127.0.0.1 and only the processes
# started here are ever stopped.

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
PEERS=$BENCH/.peers
LOGS=$BENCH/logs
mkdir -p "$PEERS" "$LOGS"
. "$ROOT/bin/find-jdk"
find_jdk

# Installs what the benchmarks compare against: Postfix's smtp-source/smtp-sink (Debian package postfix,
# with no mail service started) and SubEthaSMTP's Wiser (Maven Central).
install_peers() {
  if [ ! -x /usr/sbin/smtp-source ]; then
    echo "installing postfix (for smtp-source and smtp-sink only; no service is started)" >&2
    apt-get update -q >&2
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    local policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >&2
    [ $policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  fi
  if [ ! -d "$PEERS/wiser/lib" ]; then
    mkdir -p "$PEERS/wiser"
    cp "$BENCH/peers/wiser-pom.xml" "$PEERS/wiser/pom.xml"
    (cd "$PEERS/wiser" && "$ROOT/mvnw" -q -B -ntp dependency:copy-dependencies -DoutputDirectory=lib) >&2
  fi
}

# Builds Mailbin and the benchmark classes (test sources) once, and records the test classpath.
build_mailbin() {
  (cd "$ROOT" && ./mvnw -q -B -ntp -DskipTests package \
      && ./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt) >&2
}

bench_classpath() {
  echo "$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$ROOT/target/bench-classpath.txt")"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() { # PORT PID
  for _ in $(seq 1 300); do
    if (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# start_server NAME SMTP_PORT HTTP_PORT DATA_DIR -> prints the PID once SMTP accepts
start_server() {
  local name=$1 smtp=$2 http=$3 data=$4 pid
  case $name in
    mailbin)
      rm -rf "$data"
      # through the launcher, so the JVM flags measured are the ones users get (MAILBIN_JAVA_OPTS replaces them)
      "$ROOT/mailbin" serve \
        --data-dir "$data" --smtp-port "$smtp" --http-port "$http" ${MAILBIN_ARGS:-} > "$LOGS/mailbin-$smtp.log" 2>&1 &
      pid=$! ;;
    sink)
      /usr/sbin/smtp-sink -u nobody "127.0.0.1:$smtp" 1024 > "$LOGS/sink-$smtp.log" 2>&1 &
      pid=$! ;;
    thread-responder|loop-responder)
      local main; main=$([ "$name" = thread-responder ] && echo ThreadResponder || echo LoopResponder)
      "$JAVA_HOME/bin/java" -Xmx1g "$BENCH/peers/$main.java" "$smtp" > "$LOGS/$name-$smtp.log" 2>&1 &
      pid=$! ;;
    wiser)
      "$JAVA_HOME/bin/java" -Xmx4g -cp "$PEERS/wiser/lib/*" "$BENCH/peers/WiserPeer.java" "$smtp" > "$LOGS/wiser-$smtp.log" 2>&1 &
      pid=$! ;;
    *) echo "unknown server $name" >&2; return 2 ;;
  esac
  wait_port "$smtp" "$pid" || { echo "$name did not start, see $LOGS" >&2; return 1; }
  if [ "$name" = mailbin ]; then
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$http/healthz" >/dev/null && break; sleep 0.1; done
  fi
  echo "$pid"
}

stop_server() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

# peak RSS of PID (VmHWM) in MiB
peak_rss() {
  awk '/^VmHWM:/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo 0
}

# smtp_load PORT SESSIONS COUNT SIZE -> prints messages/second (smtp-source, connections reused)
smtp_load() {
  local port=$1 sessions=$2 count=$3 size=$4 t0 t1
  t0=$(date +%s%N)
  timeout 1800 /usr/sbin/smtp-source -d -s "$sessions" -m "$count" -l "$size" -M bench.local \
    -f sender@bench.test -t rcpt@bench.test -S "bench message" "inet:127.0.0.1:$port" >&2 || return 1
  t1=$(date +%s%N)
  awk -v n="$count" -v ns="$((t1 - t0))" 'BEGIN { printf "%.0f", n / (ns / 1e9) }'
}

# commit_totals HTTP_PORT -> "commits tasks seconds" so far: the group commits of Mailbin's store, from /metrics
commit_totals() {
  curl -sf "http://127.0.0.1:$1/metrics" | awk '
    /^mailbin_store_commit_tasks_count/ { c = $2 } /^mailbin_store_commit_tasks_sum/ { t = $2 }
    /^mailbin_store_commit_seconds_sum/ { s = $2 }
    END { printf "%d %d %.6f\n", c, t, s }'
}

# commit_delta BEFORE AFTER -> "messages-per-commit ms-per-commit" between two commit_totals. Whole runs
# spread with the disk: a slow fsync shows here as long commits that each carry more messages.
commit_delta() {
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); c = y[1] - x[1]
    if (c > 0) printf "%.1f %.2f\n", (y[2] - x[2]) / c, 1000 * (y[3] - x[3]) / c; else print "- -" }'
}

# The JVM servers (Mailbin, Wiser) compile their hot paths during roughly the first 40,000 messages
# after start (the compiler shares the two cores with the load), running at a half of their later rate
# meanwhile; smtp-sink is native. Every warm figure therefore follows WARMUP messages on the same
# server, for all servers, and run.sh reports the first messages' rate too, as the cold figure.
WARMUP=${WARMUP:-50000}

# warm_up PORT SESSIONS COUNT SIZE: sends COUNT messages, not measured, over WARMUP_RUNS client runs.
# Several runs because every smtp-source run opens new connections: a JVM that has only seen one set of
# connections has compiled its session code without the paths a connection's start and end take, and
# the next client's connections make it recompile that code (measured: a sixth of the CPU of a "warm"
# run went to the JIT after a single 50,000-message warm-up, 1-4% after ten runs). A server in use sees
# clients come and go; that steady state is what the warm figures measure, for every server alike.
WARMUP_RUNS=${WARMUP_RUNS:-10}
warm_up() {
  local port=$1 sessions=$2 count=$3 size=$4 i
  for i in $(seq 1 "$WARMUP_RUNS"); do
    smtp_load "$port" "$sessions" $(( (count + WARMUP_RUNS - 1) / WARMUP_RUNS )) "$size" > /dev/null || true
  done
}

# cpu_ticks PID -> the process's CPU time so far (user + system), in clock ticks
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}

# machine_ticks -> "busy total": the whole machine's CPU time so far, in clock ticks
machine_ticks() {
  awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total }' /proc/stat
}

# cpu_use PID_TICKS_BEFORE PID_TICKS_AFTER MACHINE_BEFORE MACHINE_AFTER COUNT -> "us-per-message machine-busy-%":
# the server's CPU per message, and how busy all cores were meanwhile (server, client and the rest).
# Near 100% busy, every thread waits for a core, and CPU per message is what sets the rate.
cpu_use() {
  awk -v p0="$1" -v p1="$2" -v m0="$3" -v m1="$4" -v n="$5" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(m0, a, " "); split(m1, b, " "); t = b[2] - a[2]
    printf "%.0f %.0f\n", (p1 - p0) * 1e6 / hz / n, (t > 0 ? 100 * (b[1] - a[1]) / t : 0) }'
}

median() { sort -n | awk '{a[NR]=$1} END { if (NR==0) {print 0} else if (NR%2) {print a[(NR+1)/2]} else {printf "%.0f", (a[NR/2]+a[NR/2+1])/2} }'; }
# the same for fractions (ratios, milliseconds): two decimals, "-" when there are none
median_f() { sort -n | awk '{a[NR]=$1} END { if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else printf "%.2f", (a[NR/2]+a[NR/2+1])/2 }'; }

# mailbin_cli DATA_DIR ARGS... -> runs a mailbin command (e.g. account create) on a data directory
mailbin_cli() {
  local data=$1; shift
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$ROOT/target/mailbin.jar:$ROOT/target/lib/*" io.mailbin.Main "$@" --data-dir "$data"
}
