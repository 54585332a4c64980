"""Quick-Tune meta-dataset benchmark as 07 reports it: 5-fold (fold seed 42, qtt's assignment), budget 57,600 s, tables at
1, 4, 8 and 16 h, 3 seeds (5 would take well over 2 CPU-hours on the shared 2-core machine), every baseline and ablation;
`--seed0` runs the QuickTune (refit after every result) against TransferOnly comparison with seed 0 instead.
Usage: python bench/quicktune.py [--seed0] [--out DIR] [--workers 2]"""
import time, json, argparse, torch
from metaft.benchmark import bench_cli, show_table, show_paired, FIT_STEPS
from metaft.metadataset import quicktune_path

MAIN = ('transfer,quicktune-doubling,portfolio,greedy,greedy-sh,sh,optuna,dehb,random,default,'
        'transfer-nomf,transfer-nolc,transfer-rf')

def main():
    torch.set_num_threads(1)
    ap = argparse.ArgumentParser()
    ap.add_argument('--path', default=None, help='the Quick-Tune meta-dataset (default: quicktune_path())')
    ap.add_argument('--seed0', action='store_true', help='QuickTune against TransferOnly, seed 0')
    ap.add_argument('--out', default=None); ap.add_argument('--optimizers', default=None)
    ap.add_argument('--budget', type=float, default=57600.); ap.add_argument('--seeds', type=int, default=None)
    ap.add_argument('--fit_steps', type=int, default=FIT_STEPS); ap.add_argument('--workers', type=int, default=2)
    a = ap.parse_args(); t0 = time.time()
    out = a.out or ('nbs/images/bench-quicktune-5fold-seed0' if a.seed0 else 'nbs/images/bench-quicktune-5fold')
    opts = a.optimizers or ('quicktune,transfer' if a.seed0 else MAIN); seeds = a.seeds or (1 if a.seed0 else 3)
    s = bench_cli(str(quicktune_path(a.path)), opts, a.budget, seeds, out, None, a.fit_steps, folds=5, fold_seed=42,
                  workers=a.workers, budgets=[3600, 14400, 28800, 57600],
                  command=f"python bench/quicktune.py{' --seed0' if a.seed0 else ''} --out {out} --workers {a.workers}")
    print(json.dumps(s, indent=1)); print(show_table(out).to_string()); print(show_paired(out).to_string())
    print(f"total {time.time()-t0:.0f}s")

if __name__ == '__main__': main()
