"""What a collection run costs, before and after: the v2 design as it was committed (a git revision) against this
checkout's v2 design, in one invocation.

Each side samples `--runs` runs uniformly from its own full v2 plan (`design_v2(v2_tasks())`, seeded stream
`run-cost:<seed>`) and runs them with its own code and settings in a worker process with one thread; both workers run
at once. Every run is timed in CPU seconds of its process (robust to other load on the machine) and split into
phases: model load, adapter setup and tokenising, training steps, evaluation (curve points, landmarkers and the test
score), the rest. Prints per run, then per side: runs per CPU-hour, evaluation's share, and the projected CPU-hours of
the whole plan (plan size x mean CPU seconds per run).

    python bench/run_cost.py [--runs 6] [--before 84bd5d6] [--seed 0] [--json out.json]
"""
import argparse, json, os, random, subprocess, sys, tempfile, time
from pathlib import Path

PHASES = ('load', 'setup', 'train', 'eval', 'other')
BEFORE = dict(max_fidelity=6, kw=dict(steps_per_fidelity=6, max_eval=32, min_eval=32, bf16=False, data_seed=0),
              design=dict(n_own=12, n_shared=3, repeats=2))  # scripts/collect_v2.sh at 84bd5d6

def _timed(mod, name, acc, key):
    "Wrap `mod.name` so its calls add their CPU seconds to `acc[key]` (outermost call only)"
    f = getattr(mod, name)
    def g(*a, **kw):
        if acc['_depth']: return f(*a, **kw)
        acc['_depth'] += 1; t = time.process_time()
        try: return f(*a, **kw)
        finally: acc[key] += time.process_time()-t; acc['_depth'] -= 1
    setattr(mod, name, g)

def side_plan(side:str) -> tuple[list, int, dict]:
    "This code's v2 plan, its max fidelity and the runner's keyword arguments"
    import metaft.metadataset as MD
    ts = MD.v2_tasks(0)
    if side == 'before':
        return MD.design_v2(ts, 'smollm2', BEFORE['max_fidelity'], **BEFORE['design']), BEFORE['max_fidelity'], BEFORE['kw']
    s = MD.V2_SETTINGS
    kw = dict(examples_per_fidelity=s['examples_per_fidelity'], max_eval=s['max_eval'], min_eval=s['min_eval'], bf16=False,
              data_seed=0, landmarks=True)
    return MD.design_v2(ts, 'smollm2', s['max_fidelity'], s['n_own'], s['repeats'], s['repeat_tasks']), s['max_fidelity'], kw

def worker(side:str, n:int, seed:int):
    "Run `n` runs sampled from this side's plan, printing one JSON line per run"
    import torch, warnings, logging
    torch.set_num_threads(1); warnings.filterwarnings('ignore'); logging.disable(logging.WARNING)
    import metaft.finetune as F, metaft.models as M
    plan, fid, kw = side_plan(side)
    runs = random.Random(f"run-cost:{seed}").sample(plan, n)
    print(json.dumps(dict(plan_runs=len(plan))), flush=True)
    acc = dict.fromkeys(PHASES, 0.); acc['_depth'] = 0
    t = time.process_time(); m, tok = M.load_model('smollm2', device='cpu'); acc['load'] = time.process_time()-t
    F._cached(('model', 'smollm2', 'cpu'), lambda: (m, tok))
    _timed(F, '_prepare', acc, 'setup'); _timed(F.PromptEncoder, 'encode', acc, 'setup'); _timed(F, 'evaluate', acc, 'eval')
    if hasattr(F, 'landmarkers'): _timed(F, 'landmarkers', acc, 'eval')
    for i, (rid, task, cfg, s) in enumerate(runs):
        before = dict(acc); t, w = time.process_time(), time.perf_counter()
        r = F.finetune_task(task, cfg, 'smollm2', fid, s, device='cpu', **kw)
        cpu, wall = time.process_time()-t, time.perf_counter()-w
        d = {k: acc[k]-before[k] for k in PHASES}
        if i == 0: d['load'] = acc['load']; cpu += acc['load']
        d['train'] = max(cpu - d['load'] - d['setup'] - d['eval'], 0.)  # the loop's steps: the rest of finetune_task
        d['other'] = cpu - sum(d[k] for k in PHASES if k != 'other')
        print(json.dumps(dict(task=task, method=cfg['method'], bs=cfg['batch_size'], targets=cfg['targets'], cpu=cpu, wall=wall,
                              status=str(r['status']), points=len(r['curve']), **d)), flush=True)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--runs', type=int, default=6); ap.add_argument('--before', default='84bd5d6')
    ap.add_argument('--seed', type=int, default=0); ap.add_argument('--json', default=None)
    ap.add_argument('--worker', default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker: return worker(a.worker, a.runs, a.seed)
    root = Path(__file__).resolve().parent.parent
    tmp = Path(tempfile.mkdtemp(prefix='metaft-runcost-'))
    old = tmp/'before'; old.mkdir()
    subprocess.run(f"git -C {root} archive {a.before} metaft | tar -x -C {old}", shell=True, check=True)
    env = lambda p: {**os.environ, 'PYTHONPATH': str(p), 'OMP_NUM_THREADS': '1', 'MKL_NUM_THREADS': '1', 'PYTHONWARNINGS': 'ignore'}
    print(f"{a.runs} runs sampled from each v2 plan: before = {a.before} (v2 as designed), after = this checkout; "
          "one thread each, both at once; CPU seconds of each worker process")
    t0 = time.time()
    procs = {k: subprocess.Popen([sys.executable, __file__, '--worker', k, '--runs', str(a.runs), '--seed', str(a.seed)],
                                 env=env(p), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp)
             for k, p in (('before', old), ('after', root))}
    out = {k: [json.loads(l) for l in p.stdout if l.startswith('{')] for k, p in procs.items()}
    for p in procs.values(): p.wait()
    print(f"{'':7s} {'task':34s} {'run':22s} " + ' '.join(f"{k:>6s}" for k in PHASES) + '    cpu')
    summ = {}
    for k, rs in out.items():
        n_plan, rs = rs[0]['plan_runs'], rs[1:]
        for r in rs:
            print(f"{k:7s} {r['task']:34s} {r['method']+' bs'+str(r['bs'])+' '+r['targets']:22s} "
                  + ' '.join(f"{r[p]:6.1f}" for p in PHASES) + f" {r['cpu']:6.1f}")
        cpu = sum(r['cpu'] for r in rs)/max(len(rs), 1)
        summ[k] = dict(plan_runs=n_plan, cpu_s_per_run=cpu, runs_per_cpu_hour=3600/cpu, plan_cpu_hours=n_plan*cpu/3600,
                       eval_share=sum(r['eval'] for r in rs)/max(sum(r['cpu'] for r in rs), 1e-9))
    for k, s in summ.items():
        print(f"{k}: {s['runs_per_cpu_hour']:.1f} runs per CPU-hour ({s['cpu_s_per_run']:.0f} CPU s per run), evaluation "
              f"{100*s['eval_share']:.0f}% of a run; whole plan {s['plan_runs']} runs = {s['plan_cpu_hours']:.1f} CPU-hours")
    if len(summ) == 2: print(f"after/before runs per CPU-hour: {summ['after']['runs_per_cpu_hour']/summ['before']['runs_per_cpu_hour']:.2f}x; "
                             f"wall {time.time()-t0:.0f} s")
    if a.json: Path(a.json).write_text(json.dumps(dict(results=out, summary=summ), indent=1))

if __name__ == '__main__': main()
