#!/usr/bin/env bash
# Build the documentation site without Quarto: scripts/docs_build.py runs nbdev's processors into _proc/ (which cells
# they run: see its docstring), writes MkDocs' input _proc/_mkdocs/ and README.md from nbs/index.ipynb; then MkDocs
# (mkdocs-material + mkdocs-jupyter, mkdocs.yml) builds _site/, a page per notebook. A development tool: it needs the
# docs extra, pip install -e ".[docs]", and installs nothing itself unless asked.
# Usage: bash scripts/docs.sh [--readme] [--force] [--install-browser]
#   --readme            only regenerate README.md (and index_files/) from nbs/index.ipynb
#   --force             reprocess every notebook, ignoring the cache in _proc/
#   --install-browser   apt-get install Debian's chromium and chromium-driver (for scripts/test_docs.py), then build
# With Quarto installed, `nbdev_docs` builds nbdev's own site into _docs/ from the same notebooks.
# Exits 1 if a notebook could not be processed or has no page (the rest is still built); check the site in headless
# Chromium with: python scripts/test_docs.py
set -uo pipefail
cd "$(dirname "$0")/.."
readme=0; args=()
while [ $# -gt 0 ]; do case "$1" in
  --readme) readme=1; args+=(--readme); shift;; --force) args+=(--force); shift;;
  --install-browser) { apt-get update && apt-get install -y chromium chromium-driver; } || exit 1; shift;;
  *) echo "unknown option $1 (use --readme, --force, --install-browser)" >&2; exit 2;; esac; done
PY=${PYTHON:-python3}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false NO_MKDOCS_2_WARNING=1
$PY -c "import mkdocs, mkdocs_jupyter, material" 2>/dev/null || { echo 'docs need MkDocs: pip install -e ".[docs]"' >&2; exit 1; }
$PY scripts/docs_build.py ${args[@]+"${args[@]}"}; rc=$?
[ $rc -le 1 ] || exit $rc
[ $readme = 1 ] && exit $rc
JUPYTER_PATH=$($PY -c "import sys; sys.path.insert(0, 'scripts'); from docs_build import jupyter_path; print(jupyter_path())") \
  $PY -m mkdocs build --clean -q || exit 1  # JUPYTER_PATH: nbconvert's templates, also from a venv
missing=$($PY -c "import sys; sys.path.insert(0, 'scripts'); from docs_build import missing_pages; print(*missing_pages())")
echo "built _site/ ($(ls _site/*.html | grep -v /404.html | wc -l) pages): open _site/index.html, or serve: python3 -m http.server -d _site"
if [ -n "$missing" ]; then echo "no page for: $missing" >&2; exit 1; fi
exit $rc
