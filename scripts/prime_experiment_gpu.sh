#!/usr/bin/env bash
# The scale run of the priming experiment (nbs/08_prime.ipynb) on one GPU, in about six minutes; see GPU_READY.md.
# usage: bash scripts/prime_experiment_gpu.sh [OUT [DEST]]
#   OUT  experiment folder (default /tmp/prime-exp); DEST: where to copy the raw records, results file, plot and logs
# Stage 1, at once: 3 priming processes (multitask, maml-fo, maml-so) and 5 eval processes for the bases that need
# no priming (unprimed, pissa, olora). Stage 2: 8 eval processes for the primed bases that finished. Stage 3: report.
# Each stage runs under a time limit (T1, T2 seconds); SIGTERM keeps finished work and rerunning this script resumes.
set -u
O=${1:-/tmp/prime-exp}; DEST=${2:-}
T1=${T1:-240}; T2=${T2:-170}; NE1=${NE1:-5}; NE2=${NE2:-8}   # stage time limits (s), eval processes per stage
DEVICE=${DEVICE:-cuda}; ARGS=${ARGS:-}   # ARGS: experiment options for a smaller run, e.g. --episodes 20 (see --help)
RES=${RES:-nbs/files/prime_eval.json}; IMG=${IMG:-nbs/images}
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=${OMP_NUM_THREADS:-2} TOKENIZERS_PARALLELISM=false
PY=${PY:-python3}
mkdir -p "$O/logs"
$PY -c "from metaft.models import smollm2_path; print('model', smollm2_path())" || exit 1   # convert the GGUF once, before the processes
t0=$(date +%s)
for i in 0 1 2; do
  timeout -s TERM $T1 $PY scripts/prime_experiment.py --stage prime --shard $i/3 --out "$O" --device $DEVICE --quiet $ARGS > "$O/logs/prime$i.log" 2>&1 &
done
for i in $(seq 0 $((NE1-1))); do
  timeout -s TERM $T1 $PY scripts/prime_experiment.py --stage eval --conditions unprimed,pissa,olora --shard $i/$NE1 --out "$O" --device $DEVICE --quiet $ARGS > "$O/logs/eval1-$i.log" 2>&1 &
done
wait; echo "stage 1: $(( $(date +%s)-t0 ))s"
C=$(for c in multitask maml-fo maml-so; do [ -f "$O/primed/$c/prime.json" ] && printf '%s,' $c; done)
echo "primed bases finished: ${C:-none}"
if [ -n "$C" ]; then
  for i in $(seq 0 $((NE2-1))); do
    timeout -s TERM $T2 $PY scripts/prime_experiment.py --stage eval --conditions "${C%,}" --shard $i/$NE2 --out "$O" --device $DEVICE --quiet > "$O/logs/eval2-$i.log" 2>&1 &
  done
  wait
fi
echo "stage 2: $(( $(date +%s)-t0 ))s"
$PY scripts/prime_experiment.py --stage report --out "$O" --results "$RES" --images "$IMG" 2>&1 | tail -3
tail -n 2 "$O"/logs/*.log
$PY -c "
import json; from metaft.prime import priming_table; r = json.load(open('$RES'))
print(r['jobs_ok'], 'of', r['jobs_total'], 'jobs ok; failed:', r['jobs_failed'][:5]); print(priming_table(r))
for c, p in r['priming'].items(): print(c, p['episodes'], 'episodes', round(p['seconds']), 's')"
if [ -n "$DEST" ]; then
  mkdir -p "$DEST"
  tar czf "$DEST/prime_exp_raw.tgz" -C "$O" spec.json eval $(cd "$O" && ls primed/*/prime.json 2>/dev/null) logs
  cp "$RES" "$IMG/prime_eval.png" "$DEST"/
fi
echo "total: $(( $(date +%s)-t0 ))s"
