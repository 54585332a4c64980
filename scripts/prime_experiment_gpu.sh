#!/usr/bin/env bash
# The scale run of the priming experiment (nbs/08_prime.ipynb) on one GPU within a wall-clock budget; see GPU_READY.md.
# usage: bash scripts/prime_experiment_gpu.sh [OUT [DEST]]
#   OUT  experiment folder (default /tmp/prime-exp); DEST: where to copy the raw records, results file, plot and logs
# At once: NE1 eval processes for the bases that need no priming (unprimed, pissa, olora) and one priming process per
# primed condition (multitask, maml-fo, maml-so), each followed, as soon as its model is saved, by NE2 eval processes
# for that base. Everything stops at the budget (BUDGET seconds after the start; SIGTERM keeps finished work: priming
# checkpoints, finished eval jobs), then the report is written. Running the script again resumes where it stopped.
set -u
cd "$(dirname "$0")/.." && export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"   # this checkout's metaft
O=${1:-/tmp/prime-exp}; DEST=${2:-}
BUDGET=${BUDGET:-330}; NE1=${NE1:-5}; NE2=${NE2:-3}   # seconds for priming + eval; eval processes (see above)
DEVICE=${DEVICE:-cuda}; ARGS=${ARGS:-}   # ARGS: experiment options for another size, e.g. --episodes 300 (see --help)
RES=${RES:-nbs/files/prime_eval.json}; IMG=${IMG:-nbs/images}
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} TOKENIZERS_PARALLELISM=false
PY=${PY:-python3}
mkdir -p "$O/logs"
$PY -c "from metaft.models import smollm2_path; print('model', smollm2_path())" || exit 1   # convert the GGUF once
end=$(( $(date +%s) + BUDGET ))
left() { echo $(( end - $(date +%s) > 1 ? end - $(date +%s) : 1 )); }
exp() { timeout -s TERM $(left) $PY scripts/prime_experiment.py --out "$O" --device $DEVICE --quiet "$@"; }
for i in $(seq 0 $((NE1-1))); do
  exp --stage eval --conditions unprimed,pissa,olora --shard $i/$NE1 $ARGS > "$O/logs/eval-base-$i.log" 2>&1 &
done
for c in multitask maml-fo maml-so; do
  ( exp --stage prime --conditions $c $ARGS > "$O/logs/prime-$c.log" 2>&1
    [ -f "$O/primed/$c/prime.json" ] || exit 0
    for i in $(seq 0 $((NE2-1))); do
      exp --stage eval --conditions $c --shard $i/$NE2 $ARGS > "$O/logs/eval-$c-$i.log" 2>&1 &
    done; wait ) &
done
wait
echo "priming + eval: $(( BUDGET - $(left) ))s of the ${BUDGET}s budget"
$PY scripts/prime_experiment.py --stage report --out "$O" --results "$RES" --images "$IMG" 2>&1 | tail -3
tail -qn 1 "$O"/logs/*.log
$PY -c "
import json; from metaft.prime import priming_table, priming_verdict; r = json.load(open('$RES'))
print(priming_table(r)); print(priming_verdict(r))"
if [ -n "$DEST" ]; then
  mkdir -p "$DEST"
  tar czf "$DEST/prime_exp_raw.tgz" -C "$O" spec.json eval $(cd "$O" && ls primed/*/prime.json 2>/dev/null) logs
  for f in "$RES" "$IMG/prime_eval.png"; do [ "$(dirname "$(realpath "$f")")" = "$(realpath "$DEST")" ] || cp "$f" "$DEST"/; done
fi
