"Quick-Tune meta-dataset benchmark: 5-fold (fold seed 42, qtt's assignment), budget 57,600 s, 5 seeds; run with nice -n 10"
import time, json, argparse, torch
from metaft.benchmark import bench_cli, show_table, FIT_STEPS
from metaft.metadataset import quicktune_path
torch.set_num_threads(1)
ap = argparse.ArgumentParser()
ap.add_argument('--path', default=None, help='the quicktune-mtlbm-extended folder (default: quicktune_path())')
ap.add_argument('--out', default='bench_out/quicktune')
ap.add_argument('--optimizers', default='TransferOnly,Portfolio,QuickTune,RandomSearch,DEHB,DefaultConfig')
ap.add_argument('--budget', type=float, default=57600.); ap.add_argument('--seeds', type=int, default=5)
ap.add_argument('--folds', type=int, default=5); ap.add_argument('--fold_seed', type=int, default=42)
ap.add_argument('--tasks', default=None); ap.add_argument('--fit_steps', type=int, default=FIT_STEPS)
ap.add_argument('--workers', type=int, default=1)
a = ap.parse_args()
t0 = time.time()
s = bench_cli(str(quicktune_path(a.path)), a.optimizers, a.budget, a.seeds, a.out, a.tasks, a.fit_steps, folds=a.folds or None,
              fold_seed=a.fold_seed, workers=a.workers, budgets=[3600, 14400, 28800, 57600], command='python bench/quicktune.py')
print(json.dumps(s, indent=1)); print(show_table(a.out).to_string()); print(f"total {time.time()-t0:.0f}s")
