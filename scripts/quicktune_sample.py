#!/usr/bin/env python3
"""Write a small sample of Quick-Tune's mtlbm meta-dataset in its original format (table.csv, curves/, meta/, LICENSE),
so that the importer's tests read the real format without the full download: the first `--runs` runs of each of
`--tasks` in the order of curves/perf.json, plus every run whose accuracy exceeds 100 % (the clipping case).
Usage: python scripts/quicktune_sample.py SRC [--out nbs/files/quicktune-sample] [--tasks BTS,MED_LF,APL] [--runs 8]"""
import argparse, json, shutil
from pathlib import Path
import pandas as pd

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('src', help='the quicktune-mtlbm-extended folder')
p.add_argument('--out', default='nbs/files/quicktune-sample')
p.add_argument('--tasks', default='BTS,MED_LF,APL'); p.add_argument('--runs', type=int, default=8)
a = p.parse_args()
src, out = Path(a.src), Path(a.out)
perf, cost, desc = (json.loads((src/f).read_text()) for f in ('curves/perf.json', 'curves/cost.json', 'meta/descriptors.json'))
keep = {}
for t in a.tasks.split(','):
    ids = list(perf[t])
    keep[t] = [r for r in ids if r in ids[:a.runs] or max(perf[t][r]) > 100]
df = pd.read_csv(src/'table.csv', index_col=0, dtype={0: str})
df.index = df.index.astype(str)
for d in ('curves', 'meta'): (out/d).mkdir(parents=True, exist_ok=True)
df.loc[[r for rs in keep.values() for r in rs]].to_csv(out/'table.csv')
sub = lambda d: {t: {r: d[t][r] for r in rs} for t, rs in keep.items()}
(out/'curves/perf.json').write_text(json.dumps({'info': perf['info'], **sub(perf)}))
(out/'curves/cost.json').write_text(json.dumps(sub(cost)))
(out/'meta/descriptors.json').write_text(json.dumps({t: desc[t] for t in keep}))
shutil.copy(src/'LICENSE', out/'LICENSE')
print(f"{out}: {sum(map(len, keep.values()))} runs of {', '.join(f'{t} ({len(r)})' for t, r in keep.items())}")
