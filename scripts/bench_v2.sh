#!/usr/bin/env bash
# The benchmark on meta-dataset v2 (notebook 07_benchmark): every optimizer group of the registry, leave one task
# out, 5 seeds, 600 s per task, the overheads tune pays (nbs/files/trial_overhead.json). Resumable: each finished
# (fold, seed, optimizer) unit is kept under nbs/images/bench-llm-v2/units, so a stopped run picks up where it was.
# Usage: bash scripts/bench_v2.sh [WORKERS]      (2 on this 2-core machine; one per core elsewhere)
set -uo pipefail
cd "$(dirname "$0")/.."
exec ${METAFT:-metaft} bench --meta ${META:-metaft/assets/metadataset-v2-smollm2.parquet} \
  --optimizers transfer,quicktune,quicktune-doubling,portfolio,greedy,greedy-sh,sh,optuna,dehb,random,default,experts,transfer-nomf,transfer-nolc,transfer-nolm,transfer-rf \
  --budget 600 --seeds 5 --overheads nbs/files/trial_overhead.json --out ${BENCH_OUT:-nbs/images/bench-llm-v2} --workers ${1:-2}
