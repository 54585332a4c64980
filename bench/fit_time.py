"Time fit_surrogates on the Quick-Tune meta-dataset and predict over 1,000 candidates (speed targets live here, not in tests)"
import sys, time, numpy as np, torch
from metaft.metadataset import from_quicktune, quicktune_path
from metaft.surrogates import fit_surrogates, spearman
from metaft.benchmark import FIT_STEPS
torch.set_num_threads(1)
path = quicktune_path(sys.argv[1] if len(sys.argv)>1 else None)
steps = int(sys.argv[2]) if len(sys.argv)>2 else FIT_STEPS
t0 = time.time(); meta = from_quicktune(path); t1 = time.time()
held = meta.tasks()[0]
b = fit_surrogates(meta, exclude_tasks=[held], steps=steps); t2 = time.time()
tt = meta.table(held); idx = np.random.default_rng(0).integers(0, len(tt.configs), 1000)
cfgs = [tt.configs[i] for i in idx]
b.predict(cfgs[:10], tt.meta_features)
t3 = time.time(); mu,sd = b.predict(cfgs, tt.meta_features); c = b.predict_cost(cfgs, tt.meta_features, 1); t4 = time.time()
mu,_ = b.predict(tt.configs, tt.meta_features, fidelities=meta.max_fidelity)
print(f"load {t1-t0:.1f}s  fit({steps} steps, {len(meta.tasks())-1} tasks) {t2-t1:.1f}s  predict+cost(1000) {t4-t3:.3f}s  "
      f"zero-shot Spearman(final) on held-out {held}: {spearman(mu, tt.final()):.3f}")
