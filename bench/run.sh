#!/usr/bin/env bash
# Throughput benchmark: termlint against GNU grep and ripgrep on the same 100 MiB corpus,
# side by side in one run, with the shipped glossary's forms (preferred, admitted, deviant).
#
#   bench/run.sh [SHARED_DIR]      (default: ../shared next to the checkout)
#
# Prints a table and writes it to bench/RESULTS.md. Each command runs RUNS times (default 5);
# the table shows the median wall time and the peak memory. Needs python3 (to list the forms)
# and GNU time (/usr/bin/time); ripgrep is used when `rg` is on PATH (`cargo install ripgrep`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${1:-${TERMLINT_SHARED:-$ROOT/../shared}}
RUNS=${RUNS:-5}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/termlint-bench}
mkdir -p "$WORK"

[ -x /usr/bin/time ] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -f "$SHARED/corpus/make_corpus.sh" ] || { echo "bench: no corpus builder under $SHARED" >&2; exit 2; }

cargo build --release --quiet
BIN=$ROOT/target/release/termlint

CORPUS=$WORK/corpus_100M.txt
[ -s "$CORPUS" ] || bash "$SHARED/corpus/make_corpus.sh" 100 "$CORPUS" >/dev/null
FORMS=$WORK/forms.txt
python3 - "$ROOT/glossary.toml" > "$FORMS" <<'PY'
import sys, tomllib
for t in tomllib.load(open(sys.argv[1], "rb"))["term"]:
    for f in [t["preferred"], *t.get("admitted", []), *t.get("deviants", [])]:
        print(f)
PY
BYTES=$(stat -c %s "$CORPUS")

# measure NAME COMMAND...: median wall seconds, peak RSS (KiB) and the command's output size.
declare -a NAMES SECS RSS OUT
measure() {
  local name=$1; shift
  local times=() rss=0 out=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/out" 2>/dev/null || true
    # grep and rg -c print a count; termlint prints a line per finding.
    if [ "$(wc -l < "$WORK/out")" -eq 1 ] && grep -qx '[0-9]*' "$WORK/out"; then out=$(cat "$WORK/out"); else out=$(wc -l < "$WORK/out"); fi
    # GNU time puts "Command exited with non-zero status" first when the exit code is not 0.
    read -r t m < <(tail -n 1 "$WORK/time")
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  NAMES+=("$name"); SECS+=("$median"); RSS+=("$rss"); OUT+=("$out")
}

measure "GNU grep -c -i -F -w -f (LC_ALL=C)" env LC_ALL=C grep -c -i -F -w -f "$FORMS" "$CORPUS"
measure "GNU grep -c -i -F -w -f (UTF-8 locale)" env LC_ALL=C.UTF-8 grep -c -i -F -w -f "$FORMS" "$CORPUS"
if command -v rg >/dev/null; then
  measure "ripgrep -c -i -F -w -f --no-unicode -j1" rg -j1 --no-unicode -c -i -F -w -f "$FORMS" "$CORPUS"
fi
measure "termlint check --format jsonl -j1" "$BIN" check -g glossary.toml -j1 --format jsonl "$CORPUS"
measure "termlint check --format jsonl" "$BIN" check -g glossary.toml --format jsonl "$CORPUS"

GREP=${SECS[0]}
{
  echo "# termlint throughput"
  echo
  echo "Corpus: \`make_corpus.sh 100\` ($BYTES bytes), $(wc -l < "$FORMS") forms from the shipped glossary.toml."
  echo "Machine: $(nproc) cores, $(uname -sm). Median of $RUNS runs; \`bench/run.sh\` on $(date -u +%Y-%m-%d)."
  echo
  echo "| command | wall time | MiB/s | vs grep (LC_ALL=C) | peak RSS | matches |"
  echo "|---|---|---|---|---|---|"
  for i in "${!NAMES[@]}"; do
    awk -v n="${NAMES[$i]}" -v s="${SECS[$i]}" -v g="$GREP" -v b="$BYTES" -v r="${RSS[$i]}" -v o="${OUT[$i]}" \
      'BEGIN { printf "| %s | %.2f s | %.0f | %.2fx | %.0f MiB | %s |\n", n, s, b/1048576/(s>0?s:0.01), g/(s>0?s:0.01), r/1024, o }'
  done
  echo
  echo "matches: for grep and ripgrep, lines holding any form (approved or deviant); for termlint,"
  echo "findings (deviants and miscased approved forms; approved forms are matched but not reported)."
  echo "grep and ripgrep read one line at a time and miss terms split across a line break."
} | tee bench/RESULTS.md
