#!/usr/bin/env bash
# Collect (or resume) meta-dataset v2 (`metaft collect --design v2`, settings `metaft.metadataset.V2_SETTINGS`) with
# N worker processes on one machine. All workers append to the same Parquet file under its lock; every finished run
# is kept, so the script can be stopped (Ctrl-C, SIGTERM) and re-run at any time. On a 2-core CPU use N=2 (one thread
# each); on one GPU, N ~ the number of runs that fit beside each other (the model is 135M parameters).
# Usage: bash scripts/collect_v2.sh [N] [DEVICE] [OUT]      e.g. bash scripts/collect_v2.sh 2 cpu
#        MODEL=tiny-phi3 FID=2 EX=32 NOWN=1 TASKS=facts-planets:12 bash scripts/collect_v2.sh 2 cpu /tmp/t.parquet   (a smoke test)
#        bash scripts/collect_v2.sh --card    write the card (progress, CPU-hours, runs per hour, hardware) beside the file
#        bash scripts/collect_v2.sh --ship    once the plan is complete: refit the shipped surrogate bundle on it and write
#                                             the card (the bundle records the file it was fitted on; tune reads it)
set -uo pipefail
cd "$(dirname "$0")/.."
A=metaft/assets
if [ "${1:-}" = --card ] || [ "${1:-}" = --ship ]; then
  M=${META:-$A/metadataset-v2-smollm2.parquet}
  metaft card --meta "$M" --command "bash scripts/collect_v2.sh 2 cpu" || exit 1
  if [ "$1" = --ship ]; then
    grep -q "planned runs (100%) - complete" "${M%.parquet}.md" || { echo "$M: the v2 plan is not complete yet (see its card); keep collecting" >&2; exit 2; }
    metaft fit --meta "$M" --out $A/surrogates-smollm2 --steps 1000 || exit 1
  fi
  exit 0
fi
N=${1:-2}; DEV=${2:-cpu}; OUT=${3:-metaft/assets/metadataset-v2-smollm2.parquet}
CMD="${METAFT:-metaft} collect --design v2 --tasks ${TASKS:-v2} --n_configs ${NOWN:-10} --repeats 2 --repeat_tasks 8
  --model ${MODEL:-smollm2} --max_fidelity ${FID:-8} --examples_per_fidelity ${EX:-32} --max_eval 32 --min_eval 32
  --bf16 ${BF16:-false} --landmarks --seed 0 --out $OUT"
echo "$CMD --shard I/$N --device $DEV" | tr -s ' \n' ' '; echo
${PYTHON:-python3} -c "from metaft.models import load_model; load_model('${MODEL:-smollm2}', device='cpu')" || exit 1  # convert once, before workers race
LOGS=${LOGS:-runs}; mkdir -p "$LOGS"; pids=()  # worker logs: runs/collect_v2.log.I (ignored by git)
for i in $(seq 0 $((N-1))); do
  OMP_NUM_THREADS=${THREADS:-1} MKL_NUM_THREADS=${THREADS:-1} $CMD --shard $i/$N --device $DEV > "$LOGS/collect_v2.log.$i" 2>&1 & pids+=($!)
done
trap 'kill -TERM "${pids[@]}" 2>/dev/null' INT TERM
wait
tail -qn1 "$LOGS"/collect_v2.log.* | tr '\r' '\n' | grep runs || true
