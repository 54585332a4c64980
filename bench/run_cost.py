"""Where a collection run's time goes, before and after: the v1 code (a git revision) against this checkout.

Runs the same collection runs (v1 settings: 4 fidelity units of 4 steps, 16 evaluation rows, tasks of 16 facts or
192 questions, the v1 collection's configurations) in two worker processes at once, one per code version, each
with one thread, so both see the same machine. Prints a breakdown per run (model load or copy, adapter setup,
training steps, evaluation, checkpoint I/O, the rest), the runs per hour of each worker, and the ratio.

    python bench/run_cost.py [--runs 4] [--before 08b9609] [--model smollm2] [--json out.json]
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path

V1_TASKS = ['facts-athletes', 'facts-chemicals', 'facts-companies', 'facts-countries', 'facts-inventions', 'facts-novels',
            'facts-planets', 'facts-rivers', 'math-arithmetic__add_or_sub', 'math-arithmetic__mul', 'math-comparison__pair',
            'math-numbers__gcd', 'math-numbers__round_number', 'math-numbers__is_prime', 'math-algebra__linear_1d',
            'math-measurement__conversion']  # the v1 collection's 16 tasks
PHASES = ('load', 'setup', 'train', 'eval', 'ckpt', 'other')

def _timed(mod, name, acc, key):
    "Wrap `mod.name` so its calls add their seconds to `acc[key]`"
    f = getattr(mod, name)
    def g(*a, **kw):
        t = time.perf_counter()
        try: return f(*a, **kw)
        finally: acc[key] += time.perf_counter()-t
    setattr(mod, name, g)

def worker(runs, model):
    "Run `runs` [(task, config)] with this process's metaft, printing one JSON line per run"
    import torch, warnings, logging
    torch.set_num_threads(1); warnings.filterwarnings('ignore'); logging.disable(logging.WARNING)
    import metaft.finetune as F, metaft.models as M
    acc = dict.fromkeys(PHASES, 0.)
    t = time.perf_counter(); m, tok = M.load_model(model, device='cpu'); acc['load'] = time.perf_counter()-t
    F._cached(('model', model, 'cpu'), lambda: (m, tok))
    _timed(F, '_prepare', acc, 'setup'); _timed(F.PromptEncoder, 'encode', acc, 'setup'); _timed(F, 'evaluate', acc, 'eval')
    last = {}
    ev = F.evaluate
    def evaluate(*a, **kw):  # remember the last call: the test split's, which the curve's seconds do not hold
        t = time.perf_counter()
        try: return ev(*a, **kw)
        finally: last['s'] = time.perf_counter()-t
    F.evaluate = evaluate
    for n in ('_save_ckpt', 'save_checkpoint'):
        if hasattr(F, n): _timed(F, n, acc, 'ckpt')
    for i, (task, cfg) in enumerate(runs):
        before = dict(acc); t = time.perf_counter()
        r = F.finetune_task(task, cfg, model, 4, 0, steps_per_fidelity=4, max_eval=16, device='cpu', task_n=16)
        wall = time.perf_counter()-t
        d = {k: acc[k]-before[k] for k in PHASES}
        if i == 0: d['load'] = acc['load']; wall += acc['load']
        steps = sum(p['seconds'] for p in r['curve']) - (d['eval'] - last.get('s', 0.))  # curve seconds: steps + validation
        d['train'] = steps; d['other'] = wall - sum(d[k] for k in PHASES if k != 'other')
        print(json.dumps(dict(task=task, wall=wall, status=str(r['status']), curve=[p['score'] for p in r['curve']],
                              loss=[round(p['loss'], 6) for p in r['curve']], **d)), flush=True)

def plan(n):
    "The first `n` runs of the v1 collection, one task each (configurations 0..n-1 on tasks 0..n-1)"
    from metaft.metadataset import collection_plan
    ts = V1_TASKS
    p = collection_plan(ts, 12, 'smollm2', 4, 0)
    by = {(t, json.dumps(c, sort_keys=True)) for _, t, c in p}
    cfgs = list(dict.fromkeys(json.dumps(c, sort_keys=True) for _, _, c in p))
    return [(ts[i % len(ts)], json.loads(cfgs[i % len(cfgs)])) for i in range(n) if (ts[i % len(ts)], cfgs[i % len(cfgs)]) in by]

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--runs', type=int, default=4); ap.add_argument('--before', default='08b9609')
    ap.add_argument('--model', default='smollm2'); ap.add_argument('--json', default=None)
    ap.add_argument('--worker', default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker: return worker(json.loads(Path(a.worker).read_text()), a.model)
    root = Path(__file__).resolve().parent.parent
    runs = plan(a.runs)
    tmp = Path(tempfile.mkdtemp(prefix='metaft-runcost-'))
    (tmp/'runs.json').write_text(json.dumps(runs))
    old = tmp/'before'; old.mkdir()
    subprocess.run(f"git -C {root} archive {a.before} metaft | tar -x -C {old}", shell=True, check=True)
    env = lambda p: {**os.environ, 'PYTHONPATH': str(p), 'OMP_NUM_THREADS': '1', 'PYTHONWARNINGS': 'ignore'}
    cmd = [sys.executable, __file__, '--worker', str(tmp/'runs.json'), '--model', a.model]
    print(f"{len(runs)} v1 collection runs, before = {a.before}, after = this checkout; one thread each, both at once")
    t0 = time.time()
    procs = {k: subprocess.Popen(cmd, env=env(p), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp)
             for k, p in (('before', old), ('after', root))}
    res = {k: [json.loads(l) for l in p.stdout if l.startswith('{')] for k, p in procs.items()}
    for p in procs.values(): p.wait()
    print(f"{'':7s} {'task':32s} " + ' '.join(f"{k:>6s}" for k in PHASES) + '   wall  final EM')
    for k, rs in res.items():
        for r in rs: print(f"{k:7s} {r['task']:32s} " + ' '.join(f"{r[p]:6.1f}" for p in PHASES) + f" {r['wall']:6.1f}  {r['curve'][-1]:.3f}")
    rph = {k: 3600*len(rs)/max(sum(r['wall'] for r in rs), 1e-9) for k, rs in res.items()}
    tot = {k: {p: sum(r[p] for r in rs) for p in PHASES} for k, rs in res.items()}
    for k in res: print(f"{k}: {rph[k]:.1f} runs per hour per worker ({2*rph[k]:.1f} with 2 workers); seconds by phase " +
                        ', '.join(f"{p} {v:.0f}" for p, v in tot[k].items()))
    same = [a_['curve'] == b_['curve'] for a_, b_ in zip(res['before'], res['after'])]
    print(f"after/before runs per hour: {rph['after']/rph['before']:.2f}x; same EM curves on {sum(same)} of {len(same)} runs; "
          f"wall {time.time()-t0:.0f} s")
    if a.json: Path(a.json).write_text(json.dumps(dict(runs=runs, results=res, runs_per_hour=rph), indent=1))

if __name__ == '__main__': main()
