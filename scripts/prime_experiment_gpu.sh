#!/usr/bin/env bash
# The priming experiment (nbs/08_prime.ipynb, metaft.experiments) on one GPU, within a wall-clock budget.
# usage: BUDGET=seconds JOBS=N bash scripts/prime_experiment_gpu.sh [OUT [DEST]]
#   OUT: experiment folder (default /tmp/prime-exp); DEST: where to copy the results file, plot, records and logs.
# One command runs every stage with JOBS worker processes sharing the GPU (priming first, then the proxy and the
# finetunes as their priming runs finish). At the budget it gets SIGTERM: priming runs checkpoint, finished jobs are
# kept; then the report is written. Running the script again resumes where it stopped.
set -u
cd "$(dirname "$0")/.." && export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"   # this checkout's metaft
O=${1:-/tmp/prime-exp}; DEST=${2:-}
BUDGET=${BUDGET:-3000}; JOBS=${JOBS:-6}; DEVICE=${DEVICE:-cuda}; ARGS=${ARGS:-}   # ARGS: more options (see --help)
RES=${RES:-nbs/files/prime_eval.json}; IMG=${IMG:-nbs/images}; PY=${PY:-python3}
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} TOKENIZERS_PARALLELISM=false
mkdir -p "$O/logs"
$PY -c "from metaft.models import smollm2_path; print('model', smollm2_path())" || exit 1   # convert the GGUF once
timeout -s TERM "$BUDGET" $PY scripts/prime_experiment.py --out "$O" --device "$DEVICE" --jobs "$JOBS" $ARGS 2>&1 | tee "$O/logs/all.log" | tail -5
$PY scripts/prime_experiment.py --stage report --out "$O" --results "$RES" --images "$IMG"
if [ -n "$DEST" ]; then
  mkdir -p "$DEST"; tar czf "$DEST/prime_exp_raw.tgz" -C "$O" spec.json records logs $(cd "$O" && ls primed/*/prime.json primed/*/README.md 2>/dev/null)
  for f in "$RES" "$IMG/prime_eval.png"; do [ "$(dirname "$(realpath "$f")")" = "$(realpath "$DEST")" ] || cp "$f" "$DEST"/; done
fi
