"""Measure a live trial's overhead apart for a new trial and for a resume: finetune's seconds outside its fidelity units
(model copy, LoRA wrap, data encoding, checkpoint write; a resume also reads the checkpoint), as `tune` runs trials
(test=False, one process, torch on one thread). Writes a JSON file `metaft bench --overheads FILE` charges to every
optimizer. Usage: python bench/overhead.py [--n 6] [--out nbs/files/trial_overhead.json]"""
import argparse, json, random, statistics, tempfile, time
from pathlib import Path
import torch
from metaft.finetune import default_config, sample_config, search_space, finetune, resolve_data
from metaft.models import load_model, model_id
from metaft.tune import tune_settings, load_bundle
from metaft.benchmark import portable

def one(ds, cfg, base, tok, st, seed):
    "(new, resume) overhead seconds of one config: 1 unit from scratch, then 1 more unit resumed from its checkpoint"
    with tempfile.TemporaryDirectory() as d:
        out = []
        for f in (1, 2):
            r = finetune(ds, cfg, model=(base, tok), fidelity=f, settings=st, out_dir=Path(d)/'t', seed=seed, test=False)
            out.append(r.cost_s - sum(p['seconds'] for p in r.curve[f-1:]))
        return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='task:facts-species:16'); ap.add_argument('--model', default='smollm2')
    ap.add_argument('--n', type=int, default=6); ap.add_argument('--out', default='nbs/files/trial_overhead.json')
    a = ap.parse_args(); torch.set_num_threads(1); t0 = time.time()
    base, tok = load_model(a.model, device='cpu'); ds = resolve_data(a.data, seed=0); st = tune_settings(load_bundle())
    rng = random.Random('trial-overhead:0')
    cfgs = [default_config().to_dict()] + [sample_config(search_space(), rng) for _ in range(a.n-1)]
    new, res = zip(*[one(ds, c, base, tok, st, i) for i,c in enumerate(cfgs)])
    d = dict(new_s=statistics.median(new), resume_s=statistics.median(res), new_all=list(new), resume_all=list(res),
             model=model_id(a.model), data=a.data, settings=dict(steps_per_fidelity=st.steps_per_fidelity, max_eval=st.max_eval),
             command=portable(f"python bench/overhead.py --data {a.data} --model {a.model} --n {a.n} --out {a.out}"),
             wall_s=round(time.time()-t0, 1))
    Path(a.out).parent.mkdir(parents=True, exist_ok=True); Path(a.out).write_text(json.dumps(d, indent=1))
    print(json.dumps({k: d[k] for k in ('new_s', 'resume_s', 'wall_s')}))

if __name__ == '__main__': main()
