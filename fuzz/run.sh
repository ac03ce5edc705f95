#!/usr/bin/env bash
# Fuzzes each target for a bounded time (FUZZ_SECONDS, default 60) with cargo-fuzz/libFuzzer.
# A crash is copied into fuzz/regressions/<target>/, where tests/fuzz_regressions.rs replays it
# in every `cargo test`; the script then fails.
#
#   fuzz/run.sh [TARGET...]      (default: every target)
#
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH=${FUZZ_SECONDS:-60}
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
export RUSTC_BOOTSTRAP=1
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(glossary matcher formats xml)
failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "regressions/$t"
  # Start from the inputs that once failed, and from the fixtures.
  cp -n regressions/"$t"/* "corpus/$t/" 2>/dev/null || true
  [ "$t" = glossary ] && cp -n ../glossary.toml "corpus/$t/" 2>/dev/null || true
  [ "$t" = formats ] && cp -n ../fixtures/*.md ../fixtures/translations/* "corpus/$t/" 2>/dev/null || true
  # The XML readers: entity and nesting tokens (the `xml` target repeats parts of its input).
  dict=()
  case "$t" in formats|xml) dict=(-dict=dictionaries/xml.dict) ;; esac
  [ -d "seeds/$t" ] && cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  echo "== fuzzing $t for ${SECONDS_EACH}s"
  if ! cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 "${dict[@]}"; then
    kept=0
    for a in artifacts/"$t"/*; do
      [ -f "$a" ] && cp "$a" "regressions/$t/" && echo "kept $a in fuzz/regressions/$t/" && kept=1
    done
    if [ "$kept" -eq 1 ]; then
      failed=1
    else
      # No crash input: cargo-fuzz or libFuzzer itself failed (a bad dictionary, a build error).
      echo "fuzz: cargo fuzz failed for $t without a crash input; see its output above" >&2
      broken=1
    fi
  fi
done
if [ "${broken:-0}" -ne 0 ]; then
  exit 1
fi
if [ "$failed" -ne 0 ]; then
  echo "fuzzing found crashes (see above); they are replayed by tests/fuzz_regressions.rs" >&2
  exit 1
fi
echo "fuzzing: no crash in ${#targets[@]} targets"
