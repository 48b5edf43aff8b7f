#!/usr/bin/env bash
# Whole-process passive DNS ingest: loupe against balboa (DCSO's passive DNS store on RocksDB,
# Debian packages `balboa` and `balboa-backend-rocksdb`), on the same Suricata EVE DNS input,
# on this machine, in one run.
#
#   bench/pdns_vs_balboa.sh [RECORDS]        (default 1000000 EVE events)
#
# Environment: LOUPE_BUILD (build directory, default build), LOUPE_FORMAT (loupe's name for
# the input format, default eve-dns), PDNS_INPUT (an existing EVE file instead of generating
# one), BENCH_TIMEOUT (seconds allowed per ingest, default 3600), BALBOA_BACKEND_ARGS (extra
# balboa-rocksdb flags), BALBOA_LOG (frontend log file, default /dev/null), KEEP=1 (keep the
# scratch directory). Everything lives in a scratch directory under $TMPDIR (default /tmp),
# about 0.6 GB per million records, removed on exit; both balboa daemons listen on 127.0.0.1
# on free ports. A million records take about 2.5 minutes, most of it balboa's ingest.
#
# Prints for each system: input records (EVE lines), wall seconds, records/s, the store's size
# on disk (all files of its RocksDB directory except RocksDB's text info logs LOG*), CPU
# seconds and peak RSS, then the loupe/balboa ratios. The issue's target: loupe >= 2x
# faster, store no larger.
#
# What is timed:
#   loupe   the whole `loupe ingest FILE --format eve-dns --source pdns` process, from start to
#           exit (its commits are synced to disk). Its store is measured after
#           `loupe stats --compact` (flush and full compaction).
#   balboa  the daemons as packaged and configured by default (balboa-rocksdb with its default
#           --membudget/--parallelism, `balboa serve` with one socket feeder of input_format
#           suricata_dns: the Unix socket Suricata's `unix_stream` EVE output writes to; the
#           feeder that takes EVE DNS as is, without RabbitMQ). Both are started and ready
#           before the clock starts. The clock runs from connecting to the feeder socket until
#           a sentinel event sent after the input is readable through balboa's GraphQL API;
#           balboa keeps a connection's order end to end, so by then every observation has been
#           merged into RocksDB (memtable and write-ahead log, as balboa leaves its writes;
#           balboa does not fsync them, which favours it). bench/balboa/balboa_feed.py does
#           the feeding (standing in for Suricata; its CPU is not counted) and the polling,
#           every 50 ms: use a million records or more for figures worth quoting.
#           Three sizes: after a clean shutdown (unflushed data sits in the WAL), after
#           reopening it with balboa-rocksdb (recovery flushes the WAL into SST files: the
#           store as balboa keeps it), and after a full compaction with balboa's own options
#           and merge operator (bench/balboa/balboa_store.c; balboa has no compaction
#           command). The size ratio is taken against the compacted store, like for like.
#
# Checks: balboa's store must hold exactly the observations its suricata_dns parser derives
# from the input (counted offline with balboa_store, predicted by `balboa_feed.py expect`), and
# GraphQL must return the expected counts for a few sampled names; a mismatch fails the run.
set -euo pipefail

records=${1:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
build=${LOUPE_BUILD:-$repo/build}
loupe=$build/app/loupe
format=${LOUPE_FORMAT:-eve-dns}
limit=${BENCH_TIMEOUT:-3600}
balboa_log=${BALBOA_LOG:-/dev/null}
feed_py=$here/balboa/balboa_feed.py

for tool in balboa balboa-rocksdb cc python3 timeout du; do
  command -v "$tool" > /dev/null || { echo "missing: $tool" >&2; exit 3; }
done
[ -f /usr/include/rocksdb/c.h ] || { echo "missing: librocksdb-dev (rocksdb/c.h)" >&2; exit 3; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pdns-vs-balboa.XXXXXX")
pids=()

# Stops a process we started: SIGTERM, up to $2 seconds (default 30), then SIGKILL.
# Returns 1 if it had to be killed.
stop() {
  local pid=$1 grace=${2:-30} i
  kill -TERM "$pid" 2> /dev/null || return 0
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2> /dev/null || { wait "$pid" 2> /dev/null || true; return 0; }
    sleep 0.1
  done
  echo "   pid $pid ignored SIGTERM for ${grace} s; killing it" >&2
  kill -KILL "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  return 1
}

cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop "$pid" 5 || true; done
  if [ "${KEEP:-0}" = 1 ]; then echo "scratch kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to $1 seconds for the command to succeed.
wait_until() {
  local seconds=$1 i
  shift
  for ((i = 0; i < seconds * 10; i++)); do
    "$@" > /dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "timed out after ${seconds} s waiting for: $*" >&2
  return 1
}

# CPU seconds (user + system) and peak RSS in KB of a running process.
cpu_seconds() {  # fields 14 and 15 of /proc/PID/stat, counted after "PID (COMM) "
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' \
    "/proc/$1/stat"
}
peak_rss_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

listening() { python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)"; }

# Store size: every file of the directory except RocksDB's text info logs.
store_bytes() { du -sb --exclude=LOG --exclude='LOG.old.*' "$1" | cut -f1; }

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

echo "== pdns_vs_balboa: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%F)," \
  "$(dpkg-query -W -f '${Package} ${Version}' balboa-backend-rocksdb 2> /dev/null || true)"

# ---- input -------------------------------------------------------------------------------
if [ -n "${PDNS_INPUT:-}" ]; then
  input=$PDNS_INPUT
  echo "== input: $input"
else
  input=$work/eve.json
  echo "== input: $records EVE DNS records (bench/gen_pdns.py --format eve --seed 1)"
  python3 "$here/gen_pdns.py" --format eve --records "$records" --seed 1 --out "$input"
fi
lines=$(wc -l < "$input")
expected=$(python3 "$feed_py" expect "$input" "$work/sample.json")
read -r expect_obs expect_keys <<< "$expected"
echo "   $lines lines, $(du -sb "$input" | cut -f1) bytes; balboa's parser makes $expect_obs" \
  "observations of $expect_keys distinct (rrname, rrtype, rdata)"

# ---- loupe -------------------------------------------------------------------------------
echo "== loupe: ingest --format $format --source pdns"
loupe_s="" loupe_bytes="" loupe_cpu="" loupe_rss_kb=""
if [ ! -x "$loupe" ]; then
  echo "   skipped: no loupe binary at $loupe"
else
  t0=$(now)
  if /usr/bin/time -o "$work/loupe-time" -f '%U %S %M' timeout "$limit" "$loupe" \
      --db "$work/loupe" ingest "$input" --format "$format" --source pdns \
      > "$work/loupe-ingest.out" 2> "$work/loupe-ingest.err"; then
    loupe_s=$(calc %.3f "$(now) - $t0")
    read -r user sys loupe_rss_kb < "$work/loupe-time"
    loupe_cpu=$(calc %.2f "$user + $sys")
    # Its summary line ("ingested N records in ...: A accepted, R rejected, ...").
    grep -h '^ingested' "$work/loupe-ingest.err" "$work/loupe-ingest.out" | sed 's/^/   /'
    echo "   disk straight after ingest: $(store_bytes "$work/loupe") bytes"
    timeout "$limit" "$loupe" --db "$work/loupe" stats --compact --json > "$work/loupe-stats.json"
    loupe_bytes=$(store_bytes "$work/loupe")
    echo "   stats --compact: $(cat "$work/loupe-stats.json")"
  else
    echo "   skipped: loupe ingest failed (exit $?):"
    sed 's/^/   /' "$work/loupe-ingest.err" | head -5
  fi
fi

# ---- balboa ------------------------------------------------------------------------------
echo "== balboa: balboa-rocksdb backend, balboa serve with a suricata_dns socket feeder"
cc -O2 -o "$work/balboa_store" "$here/balboa/balboa_store.c" -lrocksdb
backend_port=$(free_port)
graphql_port=$(free_port)
while [ "$graphql_port" = "$backend_port" ]; do graphql_port=$(free_port); done
sock=$work/suricata.sock
url=http://127.0.0.1:$graphql_port/query
cat > "$work/feeders.yaml" << EOF
feeder:
    - name: Suricata Socket Input
      type: socket
      path: $sock
      input_format: suricata_dns
EOF

start_backend() {
  # shellcheck disable=SC2086  # BALBOA_BACKEND_ARGS is a list of flags
  balboa-rocksdb -d "$work/balboa-db" -l 127.0.0.1 -p "$backend_port" ${BALBOA_BACKEND_ARGS:-} \
    >> "$work/balboa-backend.log" 2>&1 &
  backend_pid=$!
  pids+=("$backend_pid")
  wait_until 30 listening "$backend_port"
}

start_backend
balboa serve -f "$work/feeders.yaml" -H "127.0.0.1:$backend_port" -p "$graphql_port" \
  -l "$balboa_log" > "$work/balboa-frontend.out" 2>&1 &
frontend_pid=$!
pids+=("$frontend_pid")
wait_until 30 test -S "$sock"
wait_until 30 curl -sf -H 'Content-Type: application/json' \
  -d '{"query": "{ entries(rrname: \"ready.invalid\") { count } }"}' "$url"

balboa_s=$(timeout $((limit + 60)) python3 "$feed_py" feed "$sock" "$input" "$url" \
  --timeout "$limit" 2> "$work/feed.err") || { cat "$work/feed.err" >&2; exit 1; }
sed 's/^/   /' "$work/feed.err"
echo "   GraphQL answers for sampled names:"
sample_ok=1
python3 "$feed_py" check "$url" "$work/sample.json" | sed 's/^/   /' || sample_ok=0

balboa_cpu=$(calc %.2f "$(cpu_seconds "$frontend_pid") + $(cpu_seconds "$backend_pid")")
balboa_rss_kb=$(($(peak_rss_kb "$frontend_pid") + $(peak_rss_kb "$backend_pid")))
echo "   CPU: frontend $(cpu_seconds "$frontend_pid") s, backend $(cpu_seconds "$backend_pid") s;" \
  "peak RSS: frontend $(peak_rss_kb "$frontend_pid") KB, backend $(peak_rss_kb "$backend_pid") KB"
stop "$frontend_pid" 30
stop "$backend_pid" 300
balboa_shutdown_bytes=$(store_bytes "$work/balboa-db")
# Reopening replays the write-ahead log into SST files (RocksDB flushes on recovery).
start_backend
stop "$backend_pid" 300
balboa_flushed_bytes=$(store_bytes "$work/balboa-db")
counted=$("$work/balboa_store" "$work/balboa-db" count)
read -r got_keys got_obs got_inv <<< "$counted"
"$work/balboa_store" "$work/balboa-db" compact
balboa_bytes=$(store_bytes "$work/balboa-db")
# The sentinel is one more observation.
echo "   store holds $((got_keys - 1)) observations ($((got_inv - 1)) rdata index keys)" \
  "summing $((got_obs - 1)) answers; expected $expect_keys summing $expect_obs"
echo "   disk: $balboa_shutdown_bytes bytes after clean shutdown, $balboa_flushed_bytes after" \
  "reopening (WAL flushed), $balboa_bytes after full compaction"
if [ "$((got_keys - 1))" != "$expect_keys" ] || [ "$((got_obs - 1))" != "$expect_obs" ] ||
    [ "$sample_ok" != 1 ]; then
  echo "balboa did not store what it was fed; see $work (kept)" >&2
  KEEP=1
  exit 1
fi

# ---- summary -----------------------------------------------------------------------------
row() {  # name wall_seconds store_bytes cpu_seconds peak_rss_kb
  if [ -z "$2" ]; then
    printf '%-7s %9s %8s %10s %12s %6s %7s %8s\n' "$1" "$lines" n/a n/a n/a n/a n/a n/a
  else
    printf '%-7s %9s %8.2f %10.0f %12s %6.1f %7.2f %8.0f\n' "$1" "$lines" "$2" \
      "$(calc %.3f "$lines / $2")" "$3" "$(calc %.3f "$3 / $lines")" "$4" "$(calc %.1f "$5 / 1024")"
  fi
}
echo "== summary (store: compacted, bytes per input record; CPU: user + system of the loupe" \
  "process, of both balboa daemons; RSS: peak, balboa's two daemons summed)"
printf '%-7s %9s %8s %10s %12s %6s %7s %8s\n' "" records "wall s" "records/s" "store bytes" \
  "B/rec" "CPU s" "RSS MB"
row loupe "$loupe_s" "$loupe_bytes" "$loupe_cpu" "$loupe_rss_kb"
row balboa "$balboa_s" "$balboa_bytes" "$balboa_cpu" "$balboa_rss_kb"
if [ -n "$loupe_s" ]; then
  speed=$(calc %.2f "$balboa_s / $loupe_s")
  size=$(calc %.2f "$loupe_bytes / $balboa_bytes")
  met() { awk "BEGIN { print ($1) ? \"met\" : \"NOT met\" }"; }
  echo "loupe/balboa speed: ${speed}x (target >= 2: $(met "$speed >= 2"))"
  echo "loupe/balboa size:  $size of balboa's compacted store (target <= 1: $(met "$size <= 1"));" \
    "$(calc %.2f "$loupe_bytes / $balboa_flushed_bytes") of its store as balboa keeps it"
else
  echo "loupe/balboa: n/a (loupe did not ingest the input)"
fi
