#!/usr/bin/env bash
# Runs libFuzzer targets one after another for a fixed time each and prints one summary
# line per target (for docs/fuzzing.md). New inputs go to a scratch corpus, so the seed
# corpora in fuzz/corpus/ change only by hand; crashes are saved under the scratch dir.
#
#   scripts/fuzz-all.sh SECONDS TARGET...   (targets as in build-fuzz/fuzz/<target>_fuzzer)
set -uo pipefail
seconds=$1
shift
out=${FUZZ_OUT:-/tmp/loupe-fuzz}
mkdir -p "$out"
for target in "$@"; do
  bin=build-fuzz/fuzz/${target}_fuzzer
  work="$out/$target"
  mkdir -p "$work/corpus" "$work/crashes"
  cp -n fuzz/corpus/"$target"/* "$work/corpus/" 2>/dev/null || true
  "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/crashes/" -print_final_stats=1 "$work/corpus" > "$work/log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$')
  cov=$(grep -E '^#[0-9]+' "$work/log" | tail -1 | grep -o 'cov: [0-9]* ft: [0-9]*')
  crashes=$(find "$work/crashes" -type f | wc -l)
  printf '%s\t%s\t%s s\t%s execs\t%s\texit %s\t%s crash files\n' "$(date -u +%F)" "$target" \
    "$seconds" "${execs:-?}" "${cov:-?}" "$rc" "$crashes" | tee -a "$out/summary.tsv"
done
