#!/usr/bin/env bash
# End-to-end test of the pre-commit hooks with the real pre-commit (from PyPI), in a temporary
# git repository with a glossary and drafts:
#  1. `pre-commit try-repo <this checkout> --all-files` (both hooks, language: rust, built with
#     cargo) fails while a draft has a deviant and the glossary a broken example, and passes
#     once both are fixed; a source file is never passed, a .pot file is; a file excluded in
#     termlint.toml is not checked although pre-commit names it (--force-exclude);
#  2. (in 1) the termlint-glossary hook fails on the broken example and passes once fixed;
#  3. the wheel: maturin builds it (profile $TERMLINT_WHEEL_PROFILE, default release), a fresh
#     virtualenv installs it and its `termlint` checks the drafts; then the language: python
#     hooks of packaging/pre-commit-mirror install that wheel (pip, no index) and run.
# Run by .ci/run; needs python3, cargo and network access to PyPI and crates.io.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PASSED=0

fail() { cat "$1"; echo "FAIL: $2" >&2; exit 1; }

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit maturin
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$WORK/cache}"
PRE_COMMIT="$WORK/venv/bin/pre-commit"

mkdir "$WORK/repo"
cd "$WORK/repo"
git init --quiet
git config user.email ci@example.org
git config user.name ci
cat > glossary.toml <<'TOML'
[[term]]
id = "shared-future"
preferred = "community of shared future for mankind"
deviants = ["community of common destiny"]
TOML
printf 'exclude = ["archive/**"]\n' > termlint.toml
printf 'We build a community of\ncommon destiny.\n' > draft.md
printf 'Unrelated code: community of common destiny\n' > script.py
printf 'msgid "x"\nmsgstr "a community of common destiny"\n' > strings.pot
mkdir archive
printf 'The old community of common destiny.\n' > archive/old.md
git add . && git commit --quiet -m drafts

# Each try-repo builds the hooks in a fresh store (cargo install, release profile): one shared
# target folder keeps the second build to termlint itself.
export CARGO_TARGET_DIR="$WORK/cargo-target"

echo "== pre-commit try-repo, both hooks: drafts with deviants, a glossary with a broken example (must fail)"
cat >> glossary.toml <<'TOML'
examples = { bad = ["this sentence has no deviant"] }
TOML
git add . && git commit --quiet -m "broken example"
if "$PRE_COMMIT" try-repo "$ROOT" --all-files > "$WORK/fail.log" 2>&1; then
  fail "$WORK/fail.log" "the hooks passed on a deviant and a broken glossary"
fi
grep -q 'draft.md:1:12' "$WORK/fail.log" || fail "$WORK/fail.log" "finding in draft.md not reported"
grep -q 'strings.pot:2:' "$WORK/fail.log" || fail "$WORK/fail.log" "the hook skipped a .pot file"
if grep -q 'script.py' "$WORK/fail.log"; then fail "$WORK/fail.log" "the hook checked a source file"; fi
if grep -q 'archive/old.md' "$WORK/fail.log"; then
  fail "$WORK/fail.log" "the hook checked a file excluded in termlint.toml"
fi
grep -q '^termlint glossary check\.*Failed' "$WORK/fail.log" ||
  fail "$WORK/fail.log" "the glossary hook did not fail on a broken example"
grep -q 'bad example of term "shared-future"' "$WORK/fail.log" || fail "$WORK/fail.log" "glossary problem not reported"
PASSED=$((PASSED + 1))

echo "== pre-commit try-repo, both hooks: all fixed (must pass; archive/ stays excluded)"
printf 'We build a community of\nshared future for mankind.\n' > draft.md
printf 'msgid "x"\nmsgstr "a community of shared future for mankind"\n' > strings.pot
sed -i 's/this sentence has no deviant/the community of common destiny/' glossary.toml
git add . && git commit --quiet -m fixed
"$PRE_COMMIT" try-repo "$ROOT" --all-files > "$WORK/pass.log" 2>&1 ||
  fail "$WORK/pass.log" "the hooks failed on clean drafts (or checked the excluded archive/old.md)"
grep -q '^termlint\.*Passed' "$WORK/pass.log" || fail "$WORK/pass.log" "the termlint hook did not run"
grep -q '^termlint glossary check\.*Passed' "$WORK/pass.log" || fail "$WORK/pass.log" "the glossary hook did not run"
PASSED=$((PASSED + 1))

echo "== the wheel: maturin build, installed into a fresh virtualenv"
PROFILE="${TERMLINT_WHEEL_PROFILE:-release}"
(cd "$ROOT" && "$WORK/venv/bin/maturin" build --quiet --profile "$PROFILE" --out "$WORK/wheels") \
  > "$WORK/maturin.log" 2>&1 || fail "$WORK/maturin.log" "maturin could not build the wheel"
WHEEL=$(ls "$WORK"/wheels/termlint-*.whl)
python3 -m venv "$WORK/wheelvenv"
"$WORK/wheelvenv/bin/pip" install --quiet --disable-pip-version-check --no-index "$WHEEL"
[ -x "$WORK/wheelvenv/bin/termlint" ] || { echo "FAIL: the wheel installed no termlint" >&2; exit 1; }
printf 'A community of common destiny.\n' > wheel-draft.md
set +e
"$WORK/wheelvenv/bin/termlint" check --format concise wheel-draft.md > "$WORK/wheel.log" 2>&1
code=$?
set -e
[ "$code" = 1 ] || fail "$WORK/wheel.log" "the wheel's termlint exited $code, not 1"
grep -qx 'wheel-draft.md:1:3: error\[shared-future\]: .*' "$WORK/wheel.log" ||
  fail "$WORK/wheel.log" "the wheel's termlint did not report the deviant"
rm wheel-draft.md
PASSED=$((PASSED + 1))

echo "== the language: python hooks (packaging/pre-commit-mirror) installing that wheel"
mkdir "$WORK/mirror"
cp "$ROOT/packaging/pre-commit-mirror/pyproject.toml" "$ROOT/packaging/pre-commit-mirror/.pre-commit-hooks.yaml" "$WORK/mirror/"
(cd "$WORK/mirror" && git init --quiet && git add . &&
  git -c user.email=ci@example.org -c user.name=ci commit --quiet -m mirror)
# pip builds the mirror package with setuptools, then takes termlint==VERSION from the wheel:
# both from the local folder, never from an index.
"$WORK/venv/bin/pip" download --quiet --disable-pip-version-check --only-binary :all: \
  --dest "$WORK/wheels" setuptools
printf 'A community of common destiny.\n' > draft.md
git add . && git commit --quiet -m "deviant again"
if PIP_NO_INDEX=1 PIP_FIND_LINKS="$WORK/wheels" \
  "$PRE_COMMIT" try-repo "$WORK/mirror" --all-files --verbose > "$WORK/pyfail.log" 2>&1; then
  fail "$WORK/pyfail.log" "the python hook passed on a deviant"
fi
grep -q 'draft.md:1:3' "$WORK/pyfail.log" || fail "$WORK/pyfail.log" "the python hook reported nothing"
if grep -q 'archive/old.md' "$WORK/pyfail.log"; then fail "$WORK/pyfail.log" "the python hook ignored exclude"; fi
grep -q '^termlint glossary check\.*Passed' "$WORK/pyfail.log" ||
  fail "$WORK/pyfail.log" "the python glossary hook did not pass on a valid glossary"
PASSED=$((PASSED + 1))

echo "$PASSED passed, 0 failed: pre-commit hooks"
