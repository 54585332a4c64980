#!/usr/bin/env bash
# The live evaluation (metaft.experiments, notebook 09a) on one GPU within a wall-clock budget.
# usage: BUDGET=seconds JOBS=N bash scripts/live_eval_gpu.sh [OUT [DEST]]   (PRIMED=DIR adds the primed comparison)
# JOBS tune runs share the GPU at once; every method meets the same sharing, so the budget stays equal between them.
set -u
cd "$(dirname "$0")/.." && export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
O=${1:-/tmp/live-eval}; DEST=${2:-}
BUDGET=${BUDGET:-3000}; JOBS=${JOBS:-8}; DEVICE=${DEVICE:-cuda}; ARGS=${ARGS:-}
RES=${RES:-nbs/files/live_eval_v2.json}; IMG=${IMG:-nbs/images}; PY=${PY:-python3}
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} TOKENIZERS_PARALLELISM=false
mkdir -p "$O"
$PY -c "from metaft.models import smollm2_path; print('model', smollm2_path())" || exit 1
timeout -s TERM "$BUDGET" $PY scripts/live_eval.py --out "$O" --device "$DEVICE" --jobs "$JOBS" ${PRIMED:+--primed "$PRIMED"} $ARGS 2>&1 | tail -5
$PY scripts/live_eval.py --stage report --out "$O" --results "$RES" --images "$IMG"
if [ -n "$DEST" ]; then mkdir -p "$DEST"; tar czf "$DEST/live_eval_raw.tgz" -C "$O" spec.json records; cp "$RES" "$DEST"/; fi
