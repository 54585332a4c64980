#!/usr/bin/env bash
# Build the documentation site without Quarto: nbdev's processors (as `nbdev_proc_nbs`) -> _proc/, MkDocs
# (mkdocs-material + mkdocs-jupyter) -> _site/, and README.md from nbs/index.ipynb (as `nbdev_readme`).
# Needs the docs extra: pip install -e ".[docs]"   (installs nothing itself unless asked).
# Usage: bash scripts/docs.sh [--readme] [--force] [--install-browser]
#   --readme            only regenerate README.md (and index_files/) from nbs/index.ipynb
#   --force             reprocess every notebook, ignoring nbdev's cache in _proc/
#   --install-browser   apt-get install Debian's chromium (for scripts/test_docs.py), then build
# With Quarto installed, `nbdev_docs` builds nbdev's own site into _docs/ from the same notebooks.
# Exits 1 if a notebook could not be processed (its page is then missing or stale); the rest is still built.
set -uo pipefail
cd "$(dirname "$0")/.."
readme=0; force=False
while [ $# -gt 0 ]; do case "$1" in
  --readme) readme=1; shift;; --force) force=True; shift;;
  --install-browser) { apt-get update && apt-get install -y chromium; } || exit 1; shift;;
  *) echo "unknown option $1 (use --readme, --force, --install-browser)" >&2; exit 2;; esac; done
PY=${PYTHON:-python3}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false NO_MKDOCS_2_WARNING=1
$PY -c "import mkdocs, mkdocs_jupyter, material" 2>/dev/null || { echo 'docs need MkDocs: pip install -e ".[docs]"' >&2; exit 1; }
$PY - "$force" "$readme" <<'PY' || exit 1
import sys
from nbdev.config import get_config
from metaft.docs import proc_docs, write_readme
fails = proc_docs(force=sys.argv[1] == 'True', only=get_config().readme_nb if sys.argv[2] == '1' else None)
print(f"wrote {write_readme('_proc', 'README.md')}")
for f in fails: print('FAILED', f)
open('_proc/.failures', 'w').write('\n'.join(fails))
PY
fails=$(cat _proc/.failures)
if [ $readme = 0 ]; then
  $PY -m mkdocs build --clean -q || exit 1
  echo "built _site/ ($(ls _site/*.html | grep -v /404.html | wc -l) pages): open _site/index.html, or serve: python3 -m http.server -d _site"
fi
if [ -n "$fails" ]; then echo "$(echo "$fails" | wc -l) notebook(s) could not be processed, see FAILED above" >&2; exit 1; fi
