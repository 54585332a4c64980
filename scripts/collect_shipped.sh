#!/usr/bin/env bash
# Collect (or resume) the shipped LLM meta-dataset and refresh its card and the shipped surrogate bundle.
# Every finished run is appended to the Parquet file at once, so the script can be stopped and re-run at any time.
# Usage: bash scripts/collect_shipped.sh            collect/resume (Ctrl-C any time)
#        bash scripts/collect_shipped.sh --ray local  the same on a local Ray instance: one run per CPU core at once
#                                                     (1.3x the runs per hour of one process on 2 cores; needs ray)
#        bash scripts/collect_shipped.sh --card     only rewrite the card
#        bash scripts/collect_shipped.sh --fit      rewrite the card and refit the shipped surrogate bundle
#        (the runs' meta-features were recomputed from the training split with `metaft refeature --meta FILE`)
set -euo pipefail
cd "$(dirname "$0")/.."
A=metaft/assets
V1=$A/metadataset-smollm2.parquet  # the v1 meta-dataset, named here only
mkdir -p $A
[ "${1:-}" = --card ] || [ "${1:-}" = --fit ] || nice -n 5 metaft collect --tasks shipped16 --n_configs 12 --model smollm2 --max_fidelity 4 --steps_per_fidelity 4 --max_eval 16 --task_n 16 \
  --seed 0 --out $V1 --card $A/metadataset-smollm2.md "$@"
CMD="metaft collect --tasks shipped16 --n_configs 12 --model smollm2 --max_fidelity 4 --steps_per_fidelity 4 --max_eval 16 --task_n 16 --seed 0 --out $V1"
if [ "${1:-}" = --card ] || [ "${1:-}" = --fit ]; then
  metaft card --meta $V1 --command "$CMD (via scripts/collect_shipped.sh); then metaft refeature --meta $V1 (training-split meta-features)"
fi
if [ "${1:-}" = --fit ]; then
  metaft fit --meta $V1 --out $A/surrogates-smollm2 --steps 1000
fi
