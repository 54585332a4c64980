"""Live evaluation of `metaft tune` on held-out datasets: real finetuning, every (dataset, seed, method) at equal budget.

Run (resumable: a job whose result.json holds a finished run is skipped; shard over machines with --shard I/N):
    python scripts/live_eval.py --out live_eval --budget 420 --device cuda
    python scripts/live_eval.py --out live_eval --budget 420 --model PRIMED_DIR --tag primed   # a primed model beside it
Report (aggregates every run under the folder):
    python scripts/live_eval.py --report live_eval --json nbs/files/live_eval.json --plots nbs/images/

Layout: OUT/<dataset>/s<seed>/<method>[@<tag>]/ holds one `metaft tune` job (result.json, report, adapter);
OUT/<dataset>/s<seed>/baselines[@<tag>].json holds the zero-shot and default-config (full fidelity) test scores, computed
once per (dataset, seed, model) and shared by the methods. OUT/data/ holds the user-style JSONL the script writes.
"""
import argparse, json, math, os, random, re, subprocess, sys, time
from pathlib import Path

DATASETS = 'task:facts-species:48,task:math-polynomials__evaluate:400,user-qa'
METHODS = 'transfer,portfolio,random,quicktune'
USER_QA = 'user-qa' # the user-style JSONL this script writes under OUT/data/ (`user-qa:N` for N facts)


def write_user_qa(path, n_facts:int=48, seed:int=0) -> Path:
    "A user-style QA file: fictional facts (capitals, founding years, flag colours, coastlines), 12 questions each, 10/1/1 split per fact"
    from metaft.data import tiny_qa
    ds = tiny_qa(n_facts, paraphrases=12, seed=seed)
    rng, split = random.Random(f'live-eval-user-qa-split:{seed}'), []
    for f in ds.df.fact_id:
        if not split or len(split) % 12 == 0: plan = ['train']*10 + ['validation', 'test']; rng.shuffle(plan)
        split.append(plan[len(split) % 12])
    ds.df['split'] = split
    return ds.to_jsonl(path)


def data_path(spec:str, out:Path) -> str:
    "What to pass to `tune` for a dataset spec: `task:NAME:N` and paths as they are; `user-qa[:N]` is written under OUT/data/"
    if spec.split(':')[0] != USER_QA: return spec
    n = int(spec.split(':')[1]) if ':' in spec else 48
    p = out/'data'/f'user-qa-{n}.jsonl'
    if not p.exists(): write_user_qa(p, n)
    return str(p)


def slug(spec:str) -> str: return re.sub(r'[^A-Za-z0-9_.-]+', '-', Path(spec).stem if spec.endswith(('.jsonl', '.json', '.csv', '.parquet')) else spec.replace('task:', '')).strip('-')
def label(method:str, tag:str|None) -> str: return f'{method}@{tag}' if tag else method


def _finished(d:Path) -> bool:
    try: return not json.loads((d/'result.json').read_text()).get('interrupted', True)
    except Exception: return False


def run_job(job:dict):
    "Run one job (baselines or one tune) in this process"
    import torch
    from metaft.tasks import resolve_data
    from metaft.models import load_model
    from metaft.tune import tune, tune_baselines, tune_settings, load_bundle
    if job['device'] == 'cpu' or not torch.cuda.is_available(): torch.set_num_threads(1)
    log = lambda m: print(m, flush=True)
    t, ds = time.time(), resolve_data(job['data'], seed=job['seed'])  # once per job
    if job['kind'] == 'baselines':
        bundle = load_bundle(job['bundle'])
        base, tok = load_model(job['model'], device=job['device'])
        b = tune_baselines(ds, base, tok, tune_settings(bundle, job['max_eval']), job['seed'], job['device'], progress=False, log=log)
        b.update(data=job['data'], seed=job['seed'], model=job['model'], wall_s=time.time()-t)
        from metaft.core import atomic_write
        with atomic_write(job['path']) as tmp: tmp.write_text(json.dumps(b, indent=1))
        return b
    return tune(ds, model=job['model'], budget=job['budget'], optimizer=job['method'], out=job['path'], bundle=job['bundle'],
                n_candidates=job['n_candidates'], baselines=job['baselines'], seed=job['seed'], max_eval=job['max_eval'],
                progress=False, device=job['device'], log=log)


def _launch(job:dict, inprocess:bool, logf:Path) -> bool:
    "Run a job in a subprocess (its output to `logf`) or in this process; True when it succeeded"
    if inprocess:
        try: r = run_job(job)
        except KeyboardInterrupt: raise
        except Exception as e: logf.parent.mkdir(parents=True, exist_ok=True); logf.write_text(f'{type(e).__name__}: {e}\n'); return False
        if getattr(r, 'interrupted', False): raise KeyboardInterrupt  # tune stopped on a signal and wrote its partial report
        return True
    logf.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONUNBUFFERED='1', **({'OMP_NUM_THREADS': '1'} if job['device'] == 'cpu' else {}))
    with open(logf, 'w') as f: r = subprocess.run([sys.executable, __file__, '--job', json.dumps(job)], stdout=f, stderr=subprocess.STDOUT, env=env)
    if r.returncode in (130, 143, -2, -15): raise KeyboardInterrupt  # the job was stopped by a signal: stop here too
    return r.returncode == 0


def held_out_check(specs, bundle):
    "Warn about datasets whose task the surrogate bundle was fitted on"
    from metaft.tune import load_bundle
    tasks = set((load_bundle(bundle).info or {}).get('tasks') or [])
    for s in specs:
        if s.startswith('task:') and s[5:].split(':')[0] in tasks: print(f'live_eval: WARNING: {s} is in the meta-dataset of the bundle: not held out', flush=True)


def run(a):
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    specs, seeds, methods = [s for s in a.datasets.split(',') if s], [int(s) for s in a.seeds.split(',') if s], [m for m in a.methods.split(',') if m]
    held_out_check(specs, a.bundle)
    from metaft.core import parse_shard
    i, n = parse_shard(a.shard)
    groups = [(s, seed) for s in specs for seed in seeds][i::n]
    common = dict(model=a.model, device=a.device, bundle=a.bundle, max_eval=a.max_eval)
    total, k, t0 = len(groups)*len(methods), 0, time.time()
    (out/'commands.txt').open('a').write(' '.join(['python', 'scripts/live_eval.py'] + sys.argv[1:]) + '\n')
    for spec, seed in groups:
        g = out/slug(spec)/f's{seed}'; data = data_path(spec, out)
        bp = g/(f'baselines@{a.tag}.json' if a.tag else 'baselines.json')
        if not bp.exists():
            print(f'live_eval: {slug(spec)} s{seed}: baselines (zero-shot, default config at full fidelity) ...', flush=True)
            if not _launch(dict(kind='baselines', data=data, seed=seed, path=str(bp), **common), a.inprocess, bp.with_suffix('.log')):
                print(f'live_eval: {slug(spec)} s{seed}: baselines FAILED, see {bp.with_suffix(".log")}; skipping this dataset and seed', flush=True)
                k += len(methods); continue
        b = json.loads(bp.read_text())
        for m in methods:
            k += 1; d = g/label(m, a.tag)
            if _finished(d): print(f'live_eval: [{k}/{total}] {slug(spec)} s{seed} {label(m, a.tag)}: done before, skipped', flush=True); continue
            if d.exists():
                import shutil; shutil.rmtree(d)  # an interrupted or failed run starts over
            job = dict(kind='tune', data=data, seed=seed, method=m, path=str(d), budget=a.budget, n_candidates=a.n_candidates, baselines=b, **common)
            ts = time.time(); ok = _launch(job, a.inprocess, g/f'{label(m, a.tag)}.log')
            if ok and (d/'result.json').exists():
                r = json.loads((d/'result.json').read_text())
                f = lambda v: 'n/a' if v is None else f'{v:.3f}'
                print(f"live_eval: [{k}/{total}] {slug(spec)} s{seed} {label(m, a.tag)}: test EM {f(r['tuned_test_score'])} (default "
                      f"{f(b['default_test_score'])}, zero-shot {f(b['zero_shot_test_score'])}), {len(r['trials'])} trials, "
                      f"search {r['search_s']:.0f}s, wall {r['wall_s']:.0f}s; {(time.time()-t0)/60:.1f} min so far", flush=True)
            else:
                print(f"live_eval: [{k}/{total}] {slug(spec)} s{seed} {label(m, a.tag)}: FAILED, see {g/f'{label(m, a.tag)}.log'}", flush=True)
    print(f'live_eval: {total} jobs in {(time.time()-t0)/60:.1f} min; report with: python scripts/live_eval.py --report {out}', flush=True)


# ---- report ----
def t95(n:int) -> float:
    "Two-sided 95% Student-t quantile for n-1 degrees of freedom"
    from scipy.stats import t
    return float(t.ppf(0.975, n-1))

def mean_ci(xs) -> tuple:
    "Mean and 95% CI half-width (t interval; None for fewer than 2 values)"
    xs = [float(x) for x in xs if x is not None and x == x]
    if not xs: return None, None, 0
    m = sum(xs)/len(xs)
    if len(xs) < 2: return m, None, 1
    sd = math.sqrt(sum((x-m)**2 for x in xs)/(len(xs)-1))
    return m, t95(len(xs))*sd/math.sqrt(len(xs)), len(xs)


def collect_runs(out:Path) -> tuple[list, list]:
    "Every finished tune run under `out` with its shared baselines; and the jobs that failed or were interrupted"
    runs, failed = [], []
    for bp in sorted(out.glob('*/s*/baselines*.json')):
        g, tag = bp.parent, bp.stem.partition('@')[2] or None
        b = json.loads(bp.read_text())
        for d in sorted(p for p in g.iterdir() if p.is_dir() and (p.name.partition('@')[2] or None) == tag):
            try: r = json.loads((d/'result.json').read_text())
            except Exception: failed.append(str(d.relative_to(out))); continue
            if r.get('interrupted'): failed.append(str(d.relative_to(out))); continue
            runs.append(dict(dataset=g.parent.name, seed=int(g.name[1:]), method=d.name, tag=tag, model=r['model_id'], budget_s=r['budget_s'],
                             test_em=r['tuned_test_score'], test_f1=r.get('tuned_test_f1'), default_em=b['default_test_score'],
                             default_f1=b['default_test_f1'], zero_shot_em=b['zero_shot_test_score'], zero_shot_f1=b['zero_shot_test_f1'],
                             search_s=r['search_s'], wall_s=r['wall_s'], baselines_s=b.get('wall_s'), n_trials=len(r['trials']),
                             cost_scale=r.get('cost_scale'), warnings=len(r.get('warnings') or [])))
        for log in g.glob('*.log'):
            if log.stem != bp.stem and not (g/log.stem/'result.json').exists() and (log.stem.partition('@')[2] or None) == tag:
                failed.append(str((g/log.stem).relative_to(out)))
    return runs, sorted(set(failed))


def summarize(out) -> dict:
    "Mean ± 95% CI of test EM and token F1 per dataset x method (baselines too), wall time, and how often each method beats the default"
    out = Path(out); runs, failed = collect_runs(out)
    rows = []
    for ds in sorted({r['dataset'] for r in runs} | {'all'}):
        sub = [r for r in runs if ds == 'all' or r['dataset'] == ds]
        base = {}
        for r in sub: base[(r['dataset'], r['seed'], r['tag'])] = r
        for tag in sorted({r['tag'] or '' for r in sub}):
            bs = [v for k, v in base.items() if (k[2] or '') == tag]
            for name, em, f1 in (('zero-shot', 'zero_shot_em', 'zero_shot_f1'), ('default', 'default_em', 'default_f1')):
                e, f = mean_ci([v[em] for v in bs]), mean_ci([v[f1] for v in bs])
                rows.append(dict(dataset=ds, method=name + (f'@{tag}' if tag else ''), n=e[2], em=e[0], em_ci=e[1], f1=f[0], f1_ci=f[1],
                                 wall_s=mean_ci([v['baselines_s'] for v in bs])[0] if name == 'default' else None, search_s=None,
                                 beats_default=None, ties_default=None))
        for m in sorted({r['method'] for r in sub}):
            rs = [r for r in sub if r['method'] == m]
            e, f = mean_ci([r['test_em'] for r in rs]), mean_ci([r['test_f1'] for r in rs])
            ok = [r for r in rs if r['test_em'] is not None and r['default_em'] is not None]
            rows.append(dict(dataset=ds, method=m, n=e[2], em=e[0], em_ci=e[1], f1=f[0], f1_ci=f[1], wall_s=mean_ci([r['wall_s'] for r in rs])[0],
                             search_s=mean_ci([r['search_s'] for r in rs])[0], beats_default=sum(r['test_em'] > r['default_em'] for r in ok),
                             ties_default=sum(r['test_em'] == r['default_em'] for r in ok), n_vs_default=len(ok)))
    from metaft.benchmark import portable  # no path of this machine in a committed results file
    return dict(folder=portable(str(out)), budgets=sorted({r['budget_s'] for r in runs}), models=sorted({r['model'] for r in runs}),
                seeds=sorted({r['seed'] for r in runs}), datasets=sorted({r['dataset'] for r in runs}),
                commands=[portable(c) for c in (out/'commands.txt').read_text().splitlines()] if (out/'commands.txt').exists() else [],
                rows=rows, runs=runs, failed=failed)


def table(s:dict):
    "The summary's rows as a DataFrame: 'mean ± CI' strings, wall seconds, wins/ties vs the default config"
    import pandas as pd
    f = lambda m, c: '' if m is None else f'{m:.3f}' + (f' ± {c:.3f}' if c is not None else '')
    return pd.DataFrame([{'dataset': r['dataset'], 'method': r['method'], 'runs': r['n'], 'test EM': f(r['em'], r['em_ci']),
                          'test token F1': f(r['f1'], r['f1_ci']), 'wall s': '' if r['wall_s'] is None else f"{r['wall_s']:.0f}",
                          'beats default': '' if r['beats_default'] is None else f"{r['beats_default']}/{r['n_vs_default']} (ties {r['ties_default']})"}
                         for r in s['rows']])


def plots(s:dict, folder) -> list:
    "Bar charts of test EM and token F1 (mean ± 95% CI) per dataset x method, and wall time per method; returns the files"
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    folder = Path(folder); folder.mkdir(parents=True, exist_ok=True)
    ds = [d for d in s['datasets']] + ['all']
    ms = list(dict.fromkeys(r['method'] for r in s['rows']))
    get = {(r['dataset'], r['method']): r for r in s['rows']}
    fig, axs = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
    w = 0.8/max(len(ms), 1)
    for ax, (k, name) in zip(axs, (('em', 'test exact match'), ('f1', 'test token F1'))):
        for j, m in enumerate(ms):
            rs = [get.get((d, m)) for d in ds]
            ax.bar([i + j*w for i in range(len(ds))], [r[k] if r and r[k] is not None else 0 for r in rs], w, label=m,
                   yerr=[r[k+'_ci'] if r and r[k+'_ci'] is not None else 0 for r in rs], capsize=2)
        ax.set_xticks([i + w*(len(ms)-1)/2 for i in range(len(ds))]); ax.set_xticklabels(ds, rotation=15, fontsize=8); ax.set_title(name + ' (mean ± 95% CI)')
    axs[0].legend(fontsize=7, ncol=2); fig.tight_layout(); f1 = folder/'live_eval_scores.png'; fig.savefig(f1, dpi=110); plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 3.4))
    tm = [m for m in ms if get.get(('all', m)) and get[('all', m)]['search_s'] is not None]
    ax.bar(tm, [get[('all', m)]['wall_s'] for m in tm], label='wall (load + search + final scoring)')
    ax.bar(tm, [get[('all', m)]['search_s'] for m in tm], label='search', alpha=.7)
    for b in s['budgets']: ax.axhline(b, ls='--', c='gray', lw=1)
    ax.set_ylabel('seconds per run'); ax.set_title('Time per tune run (dashed: budget)'); ax.legend(fontsize=7); ax.tick_params(axis='x', labelsize=8)
    fig.tight_layout(); f2 = folder/'live_eval_time.png'; fig.savefig(f2, dpi=110); plt.close(fig)
    return [f1, f2]


def report(a):
    s = summarize(a.report)
    if a.json: Path(a.json).parent.mkdir(parents=True, exist_ok=True); Path(a.json).write_text(json.dumps(s, indent=1))
    fs = plots(s, a.plots) if a.plots else []
    print(table(s).to_string(index=False))
    if s['failed']: print(f"failed or interrupted jobs ({len(s['failed'])}): {', '.join(s['failed'])}")
    print(f"{len(s['runs'])} runs; budget(s) {s['budgets']} s; model(s) {s['models']}" + (f'; wrote {a.json}' if a.json else '') + ''.join(f'; {f}' for f in fs))
    return s


def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument('--out', help='output folder of the runs')
    p.add_argument('--datasets', default=DATASETS, help=f'comma-separated: task:NAME:N, a QA file, or {USER_QA}[:N] (default: %(default)s)')
    p.add_argument('--seeds', default='0,1,2')
    p.add_argument('--methods', default=METHODS, help="tune optimizers, comma-separated (default: %(default)s)")
    p.add_argument('--budget', type=float, default=420., help='search budget per run, seconds')
    p.add_argument('--model', default='smollm2', help='base model name or folder (e.g. a primed model)')
    p.add_argument('--tag', default=None, help='name for this model in the output folders (method@TAG, baselines@TAG.json)')
    p.add_argument('--device', default=None, help='cuda or cpu (default: auto)')
    p.add_argument('--bundle', default=None, help='surrogate bundle folder (default: the shipped one)')
    p.add_argument('--max_eval', type=int, default=32, help='validation/test questions per evaluation')
    p.add_argument('--n_candidates', type=int, default=200)
    p.add_argument('--shard', default='0/1', help='I/N: run the (dataset, seed) groups with index %% N == I')
    p.add_argument('--inprocess', action='store_true', help='run jobs in this process instead of one subprocess each')
    p.add_argument('--report', help='aggregate the runs in this folder')
    p.add_argument('--json', help='with --report: write the summary here')
    p.add_argument('--plots', help='with --report: write live_eval_scores.png and live_eval_time.png into this folder')
    p.add_argument('--job', help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv=None):
    a = parse(argv)
    if a.job:
        from metaft.checkpoint import handle_signals
        with handle_signals(): r = run_job(json.loads(a.job))  # SIGTERM as SIGINT: tune keeps its finished trials
        return 143 if getattr(r, 'stopped_by', None) == 'SIGTERM' else 130 if getattr(r, 'interrupted', False) else 0
    if a.report: report(a); return 0
    if not a.out: print('live_eval: --out or --report is required', file=sys.stderr); return 2
    try: run(a)
    except KeyboardInterrupt: print('live_eval: interrupted; rerun the same command to resume', file=sys.stderr); return 130
    return 0


if __name__ == '__main__': sys.exit(main())
