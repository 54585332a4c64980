"""Parallel trials on Ray Tune against one at a time, at a fixed budget: trials completed and best score per budget.

Runs `metaft tune` three times on the same data, model, bundle, seed and budget: trials one at a time in the process
(no Ray), on a local Ray instance with one trial at a time (Ray's own cost), and with `--trials N` at once; then prints,
for each, the trials completed, the fidelity units trained, the best validation exact match found by each fraction of
the budget, the delivered adapter's test exact match and the times. On a shared machine the figures are indicative.

    python bench/ray_tune.py --budget 60 --model tiny-phi3 --trials 2 --json nbs/files/ray_tune.json
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path

def run(label, args, out):
    "One `metaft tune` command (a subprocess, so each starts alike); its result.json and the command line"
    cmd = [sys.executable, '-m', 'metaft.cli', 'tune', *args, '--out', str(out), '--no_baselines']
    t = time.time(); p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode: raise SystemExit(f"{label}: metaft tune exited {p.returncode}: {p.stderr.strip().splitlines()[-1:]}")
    r = json.loads((Path(out)/'result.json').read_text()); r['_cmd_wall_s'] = time.time()-t
    return r, 'metaft tune ' + ' '.join(a for a in args)

def best_by(trials, t, key='score', best=max):
    "The best `key` (validation EM; `loss` with `best=min`) among the trials told by `t` seconds of the search (None before)"
    v = [x[key] for x in trials if x['elapsed_s'] <= t and x.get(key) is not None and x['status'] in ('ok', 'cut')]
    return best(v) if v else None

def row(label, r, cmd, budget, fracs):
    "The summary of one run"
    tr = r['trials']
    return dict(runner=label, command=cmd, trials=sum(t['units'] > 0 for t in tr), units=sum(t['units'] for t in tr),
                best_val_em={f'{f:g}': best_by(tr, f*budget) for f in fracs},
                lowest_val_loss={f'{f:g}': best_by(tr, f*budget, 'loss', min) for f in fracs}, test_em=r['tuned_test_score'],
                search_s=round(r['search_s'], 1), wall_s=round(r['wall_s'], 1), stop_reason=r['stop_reason'],
                trials_told=[dict(elapsed_s=round(t['elapsed_s'], 2), units=t['units'], status=t['status'], score=t['score'],
                                  loss=t['loss']) for t in tr])

def table(rows) -> str:
    "The rows as a text table: trials, units, best validation EM and lowest validation loss by 25/50/100% of the budget"
    f = lambda v: '-' if v is None else f'{v:.3f}'
    by = lambda d: ' / '.join(f(d[k]) for k in ('0.25', '0.5', '1'))
    out = [f"{'runner':26} {'trials':>6} {'units':>5}  {'best val EM (25/50/100%)':>25}  {'lowest val loss (25/50/100%)':>28}  "
           f"{'test EM':>7}  {'search s':>8}  {'wall s':>6}"]
    for r in rows:
        out.append(f"{r['runner']:26} {r['trials']:6d} {r['units']:5d}  {by(r['best_val_em']):>25}  {by(r['lowest_val_loss']):>28}  "
                   f"{f(r['test_em']):>7}  {r['search_s']:8.1f}  {r['wall_s']:6.1f}")
    return '\n'.join(out)

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--budget', type=float, default=60.); ap.add_argument('--model', default='tiny-phi3')
    ap.add_argument('--data', default='task:facts-species:16'); ap.add_argument('--trials', type=int, default=2)
    ap.add_argument('--optimizer', default='transfer'); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--json', default=None, help='write the rows here')
    a = ap.parse_args(argv)
    common = ['--data', a.data, '--model', a.model, '--budget', f'{a.budget:g}', '--optimizer', a.optimizer,
              '--seed', str(a.seed), '--device', 'cpu']
    runs = [('one at a time, no Ray', []), ('Ray, 1 trial at a time', ['--ray', 'local', '--trials', '1']),
            (f'Ray, {a.trials} trials at a time', ['--ray', 'local', '--trials', str(a.trials)])]
    fracs, rows = (0.25, 0.5, 1.), []
    with tempfile.TemporaryDirectory() as d:
        for i, (label, extra) in enumerate(runs):
            r, cmd = run(label, common + extra, Path(d)/f'run{i}')
            rows.append(row(label, r, cmd, a.budget, fracs))
            print(json.dumps({k: v for k, v in rows[-1].items() if k != 'trials_told'}), flush=True)
    print(f"\nbudget {a.budget:g} s, {a.model}, {a.data}, {a.optimizer}, seed {a.seed}, {os.cpu_count()} CPUs (shared: indicative)")
    print(table(rows))
    if a.json:
        meta = dict(budget=a.budget, model=a.model, data=a.data, optimizer=a.optimizer, seed=a.seed, cpus=os.cpu_count(),
                    command='python bench/ray_tune.py ' + ' '.join(argv if argv is not None else sys.argv[1:]), rows=rows)
        Path(a.json).write_text(json.dumps(meta, indent=1))

if __name__ == '__main__': main()
