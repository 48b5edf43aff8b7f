#!/usr/bin/env bash
# Reproduces the figures in docs/benchmarks.md. Bounded: about 5 minutes and a few GB of
# scratch space under $TMPDIR (default /tmp).
#
#   bench/run.sh [BUILD_DIR] [LINES]
set -euo pipefail
build=${1:-build}
lines=${2:-10000000}
loupe=$build/app/loupe
work=$(mktemp -d "${TMPDIR:-/tmp}/loupe-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")" && pwd)

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(date -u +%F)"

echo "== ingest: $lines-line plain list of IPv4 addresses"
python3 "$here/gen_list.py" "$lines" "$work/ipv4.txt" --mix ipv4
/usr/bin/time -f "   wall %e s, max RSS %M KB" "$loupe" --db "$work/db" ingest "$work/ipv4.txt" \
  --source bench 2>&1 | grep -E 'ingested|wall'
bytes=$(du -sb "$work/db" | cut -f1)
echo "   disk after ingest: $bytes bytes = $((bytes / lines)) bytes per indicator"
"$loupe" --db "$work/db" stats --compact > /dev/null
bytes=$(du -sb "$work/db" | cut -f1)
echo "   disk after compaction: $bytes bytes = $((bytes / lines)) bytes per indicator"

echo "== ingest: $((lines / 5))-line mixed list (IPv4, domains, URLs, SHA-256)"
python3 "$here/gen_list.py" "$((lines / 5))" "$work/mixed.txt" --mix mixed --seed 2
"$loupe" --db "$work/mixed-db" ingest "$work/mixed.txt" --source bench 2>&1 | grep ingested
"$loupe" --db "$work/mixed-db" stats --compact > /dev/null
bytes=$(du -sb "$work/mixed-db" | cut -f1)
echo "   disk after compaction: $((bytes / (lines / 5))) bytes per indicator"

echo "== ingest: real ipsum list (../shared/data/ipsum/ipsum.txt)"
if [ -f "$here/../../shared/data/ipsum/ipsum.txt" ]; then
  "$loupe" --db "$work/ipsum-db" ingest "$here/../../shared/data/ipsum/ipsum.txt" \
    --source ipsum 2>&1 | grep ingested
fi

echo "== point verdict lookups on the warm $lines-object store (one thread)"
LOUPE_BENCH_DB=$work/db LOUPE_BENCH_LIST=$work/ipv4.txt /usr/bin/time -f "   max RSS %M KB" \
  "$build/bench/lookup_bench" --benchmark_min_time=3 2>&1 | grep -E '^BM_|RSS'

echo "== full reports with 1,000 related records per section"
"$build/bench/report_latency" 300

echo "== micro-benchmarks"
"$build/bench/loupe_bench" 2>&1 | grep -E '^BM_'
