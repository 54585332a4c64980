#!/usr/bin/env python
"""The live evaluation of `metaft tune` (notebook 09a_experiments): every (dataset, seed, method) at equal budget,
then paired statistics. Resumable; shard with --shard I/N (one command per machine), --jobs N processes each.
  python scripts/live_eval.py --stage precheck --out live-eval --jobs 2          # the baselines, and floor/ceiling flags
  python scripts/live_eval.py --out live-eval --jobs 2                           # every job (2 processes, 1 thread each)
  python scripts/live_eval.py --out live-eval --primed DIR --jobs 2              # + tune on a primed model, paired
  python scripts/live_eval.py --out live-eval --primed DIR --methods none        # only the primed model's jobs
  python scripts/live_eval.py --out live-eval --device cuda --jobs 8             # on one GPU
  python scripts/live_eval.py --stage report --out live-eval                     # nbs/files/live_eval_v2.json + plots
  python scripts/live_eval.py --stage progress --out live-eval                   # what is done, from the records (writes nothing)
Run it from the repository root (the user file is nbs/files/qa_tickets.jsonl). SIGINT/SIGTERM keep every finished
job and exit 130/143; the same command resumes."""
import sys, shlex, warnings
from pathlib import Path
from fastcore.script import call_parse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's metaft, installed or not

def progress(out, datasets, seeds, methods, primed_methods, low=0.9):
    "Print, from the records alone, how many jobs of each kind and model are done, which tune runs, on what machines"
    from collections import Counter
    from metaft.experiments import load_records, live_jobs, LIVE_DATASETS, _pick_datasets, _share
    recs = {k: r for k, r in load_records(Path(out)/'records').items() if r['status'] != 'failed'}
    jobs = live_jobs(_pick_datasets(datasets or list(LIVE_DATASETS)), seeds, methods,
                     {'unprimed': 'base', 'primed': 'primed'}, primed_methods)
    jobs += [{**j, 'key': 'probe' + j['key'][4:], 'kind': 'probe'} for j in jobs if j['kind'] == 'baselines' and j['tag'] == 'unprimed']
    tot, done = Counter(), Counter()
    for j in jobs: tot[j['kind'], j['tag']] += 1; done[j['kind'], j['tag']] += j['key'] in recs
    print(f"{out}/records: {len(recs)} finished job(s)")
    for k in tot: print(f"- {k[0]} ({k[1]}): {done[k]} of {tot[k]}")
    tune = sorted(k for k in recs if recs[k]['kind'] == 'tune')
    for t in ('unprimed', 'primed'):
        print(f"- {t} tune runs in: " + (', '.join(k.split('|', 1)[1].rsplit('|', 1)[0] for k in tune if recs[k]['tag'] == t) or 'none'))
    lo = [f"{k} ({_share(recs[k]):.2f})" for k in tune if 'cpu_s' in recs[k] and _share(recs[k]) < low]
    print(f"- tune runs with a CPU share under {low}: " + (', '.join(lo) or 'none'))
    hw = Counter(recs[k].get('hardware') or 'not recorded' for k in tune)
    print("- machines of the tune runs: " + '; '.join(f"{h}: {n}" for h, n in hw.most_common()))

@call_parse
def main(stage:str='run', # precheck, run, report or progress
         out:str='live-eval', # Experiment folder: spec.json, records/, tune/
         datasets:str=None, # Comma-separated names of LIVE_DATASETS or NAME=SPEC pairs (default: all six)
         seeds:str='0,1,2', # Comma-separated seeds
         methods:str=None, # Comma-separated tune optimizers of the unprimed model (default: LIVE_METHODS; none: no tune run)
         primed:str=None, # A primed model folder to compare with the unprimed model (tag 'primed')
         primed_methods:str='transfer', # Methods run on the primed model
         shard:str='0/1', # This command's share I/N of the jobs
         jobs:int=1, # Worker processes (1 torch thread each on a CPU)
         device:str=None, # cpu or cuda (default: the best available)
         budget:float=None, # Search seconds per tune run (default 420)
         model:str=None, # Unprimed base model (default smollm2)
         bundle:str=None, # Surrogate bundle folder (default: the shipped one)
         max_eval:int=None, # Validation/test questions per evaluation (default 96)
         n_candidates:int=None, # Candidate configurations per run (default 200)
         results:str=str(REPO/'nbs/files/live_eval_v2.json'), # report: results file
         images:str=str(REPO/'nbs/images'), # report: plot folder
        ):
    "Run one stage of the live evaluation"
    from metaft.experiments import live_eval, live_table, precheck_table, live_verdict, LIVE_METHODS, _one_thread
    from metaft.checkpoint import handle_signals
    from metaft.benchmark import portable
    tup = lambda s, f=str: tuple(f(x) for x in s.split(',') if x.strip()) if s else None
    meths = () if methods == 'none' else tup(methods) or LIVE_METHODS  # the unprimed model's methods
    if stage == 'progress': return progress(out, datasets, tup(seeds, int), meths, tup(primed_methods))
    log = lambda m: print(f"live_eval {stage}: {m}", file=sys.stderr, flush=True)
    # the command as recorded in a results file, with no path of this machine
    cmd = portable('python scripts/live_eval.py ' + ' '.join(shlex.quote(a) for a in sys.argv[1:]))
    _one_thread(device)
    warnings.filterwarnings('ignore', category=FutureWarning)  # library deprecation chatter, as the metaft command
    try:
        with handle_signals():
            res = results if stage == 'report' or '--results' in sys.argv else None  # costs: only where told
            r = live_eval(stage, out, datasets, tup(seeds, int), meths, primed, tup(primed_methods),
                          shard, jobs, device, res, images, cmd, log, budget=budget, model=model, bundle=bundle,
                          max_eval=max_eval, n_candidates=n_candidates)
    except KeyboardInterrupt as e:
        log(f"stopped by {getattr(e, 'name', 'a signal')}; finished jobs are in {out}/records; run the same command to resume")
        sys.exit(getattr(e, 'exit_code', 130))
    except (ValueError, FileNotFoundError) as e: log(f"error: {str(e).splitlines()[0]}"); sys.exit(2)
    if stage == 'report': print(live_table(r)); print(); print(precheck_table(r)); print(); print(live_verdict(r))
    elif stage != 'precheck': log(f"{r}")
