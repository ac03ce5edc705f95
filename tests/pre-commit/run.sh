#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit (from PyPI): in a
# temporary git repository with a glossary and a draft, `pre-commit try-repo <this checkout>
# termlint --all-files` must fail while the draft has a deviant and pass once it is fixed.
# Run by .ci/run; needs python3 and network access to PyPI and crates.io.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$WORK/cache}"

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
printf 'We build a community of\ncommon destiny.\n' > draft.md
printf 'Unrelated code: community of common destiny\n' > script.py
git add . && git commit --quiet -m drafts

echo "== pre-commit try-repo on a draft with a deviant (must fail)"
if "$WORK/venv/bin/pre-commit" try-repo "$ROOT" termlint --all-files > "$WORK/fail.log" 2>&1; then
  cat "$WORK/fail.log"; echo "FAIL: the hook passed on a deviant" >&2; exit 1
fi
grep -q 'draft.md:1:12' "$WORK/fail.log" || { cat "$WORK/fail.log"; echo "FAIL: finding not reported" >&2; exit 1; }
if grep -q 'script.py' "$WORK/fail.log"; then
  cat "$WORK/fail.log"; echo "FAIL: the hook checked a source file" >&2; exit 1
fi

echo "== pre-commit try-repo on the fixed draft (must pass)"
printf 'We build a community of\nshared future for mankind.\n' > draft.md
git add . && git commit --quiet -m fixed
"$WORK/venv/bin/pre-commit" try-repo "$ROOT" termlint --all-files > "$WORK/pass.log" 2>&1 || { cat "$WORK/pass.log"; echo "FAIL: the hook failed on a clean draft" >&2; exit 1; }
echo "1 passed, 0 failed: pre-commit hook"
