"Leave-one-task-out benchmark on the Quick-Tune meta-dataset (budget 57,600 s); run with nice -n 10"
import sys, time, json, argparse, torch
from metaft.benchmark import bench_cli
from metaft.metadataset import quicktune_path
torch.set_num_threads(1)
ap = argparse.ArgumentParser()
ap.add_argument('--path', default=str(quicktune_path())); ap.add_argument('--out', default='bench_out/quicktune')
ap.add_argument('--optimizers', default='TransferOnly,QuickTune,RandomSearch,DEHB,DefaultConfig')
ap.add_argument('--budget', type=float, default=57600.); ap.add_argument('--seeds', type=int, default=5)
ap.add_argument('--tasks', default=None); ap.add_argument('--fit_steps', type=int, default=300)
a = ap.parse_args()
t0 = time.time()
s = bench_cli(a.path, a.optimizers, a.budget, a.seeds, a.out, a.tasks, a.fit_steps)
print(json.dumps(s, indent=1)); print(f"total {time.time()-t0:.0f}s")
import pandas as pd; print(pd.read_csv(f'{a.out}/table.csv').to_string(index=False))
