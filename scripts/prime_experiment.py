#!/usr/bin/env python
"""The priming experiment (notebooks 08_prime and 09a_experiments): prime SmolLM2 (multitask, first-order MAML; 2 seeds),
measure the proxy, LoRA-finetune every base and two peft initialisations on 8 held-out tasks, then report.
Resumable; shard with --shard I/N (one command per machine), --jobs N processes each.
  python scripts/prime_experiment.py --stage config --out prime-config --results nbs/files/prime_config.json
  python scripts/prime_experiment.py --out prime-exp --jobs 2                   # every stage (2 processes, 1 thread each)
  python scripts/prime_experiment.py --out prime-exp --device cuda --jobs 6     # on one GPU
  python scripts/prime_experiment.py --stage report --out prime-exp              # nbs/files/prime_eval.json + plot
  python scripts/prime_experiment.py --stage reprime --conditions maml-fo --seeds 0 --out prime-exp  # a finished run's
      primed folder made again on this machine (for live_eval.py --primed), checked against its record
SIGINT/SIGTERM: a priming run checkpoints after the episode in flight, finished jobs are kept; exit 130/143."""
import sys, shlex, warnings
from pathlib import Path
from fastcore.script import call_parse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's metaft, installed or not

@call_parse
def main(stage:str='all', # all, prime, proxy, eval, config, report, costs or reprime
         out:str='prime-exp', # Experiment folder: spec.json, records/, primed/CONDITION-sSEED
         conditions:str=None, # Comma-separated conditions (default: unprimed,multitask,maml-fo,pissa,olora; add maml-so)
         shard:str='0/1', # This command's share I/N of the jobs
         jobs:int=1, # Worker processes (1 torch thread each on a CPU)
         device:str=None, # Device (cuda, cpu); default: the best available
         results:str=str(REPO/'nbs/files/prime_eval.json'), # report: results file (config: give its own)
         images:str=str(REPO/'nbs/images'), # report: plot folder
         model:str=None, # Base model (default smollm2)
         prime_tasks:str=None, # Comma-separated priming tasks (default: 12 built-in tasks)
         heldout:str=None, # Comma-separated held-out tasks (default: 8 built-in tasks)
         n_prime:int=None, # Priming task size: n facts (facts-*) or 12*n questions (math-*)
         n_heldout:int=None, # Held-out task size, the same way (default 48)
         min_eval:int=None, # Validation and test rows per held-out task (default 48)
         episodes:int=None, # Priming episodes (default 120)
         support_size:int=None, # Support rows per episode (default 48)
         query_size:int=None, # Query rows per episode (default 8)
         inner_steps:int=None, # MAML inner AdamW steps (default 6)
         outer_lr:float=None, # Outer Adam learning rate (default 1e-5)
         prime_seeds:str=None, # Comma-separated priming seeds (default 0,1)
         config:str=None, # LoRA config name (default r16-lr2e-3)
         steps_per_fidelity:int=None, # Finetuning steps per fidelity unit (default 6)
         max_fidelity:int=None, # Finetuning fidelity units (default 6)
         max_eval:int=None, # Validation/test rows per evaluation (default 48)
         proxy_episodes:int=None, # Proxy inner loops per task and base (default 4)
         ckpt_every:int=10, # prime: checkpoint every this many episodes
         seeds:str=None, # reprime: comma-separated priming seeds to make again (default: all)
         tol:float=1e-4, # reprime: largest difference of an episode's query loss from the record's
        ):
    "Run one stage of the priming experiment"
    from metaft.experiments import prime_experiment, proxy_table, priming_table, contrast_table, priming_verdict, CONDITIONS, _one_thread
    from metaft.checkpoint import handle_signals
    from metaft.benchmark import portable
    tup = lambda s, f=str: tuple(f(x) for x in s.split(',') if x.strip()) if s else None
    kw = dict(model=model, prime_tasks=tup(prime_tasks), heldout=tup(heldout), n_prime=n_prime, n_heldout=n_heldout,
              min_eval=min_eval, episodes=episodes, support_size=support_size, query_size=query_size, inner_steps=inner_steps, outer_lr=outer_lr,
              prime_seeds=tup(prime_seeds, int), config=config, steps_per_fidelity=steps_per_fidelity,
              max_fidelity=max_fidelity, max_eval=max_eval, proxy_episodes=proxy_episodes)
    log = lambda m: print(f"prime_experiment {stage}: {m}", file=sys.stderr, flush=True)
    # the command as recorded in a results file, with no path of this machine
    cmd = portable('python scripts/prime_experiment.py ' + ' '.join(shlex.quote(a) for a in sys.argv[1:]))
    _one_thread(device)
    warnings.filterwarnings('ignore', category=FutureWarning)  # library deprecation chatter, as the metaft command
    try:
        with handle_signals():
            res = results if stage == 'report' or '--results' in sys.argv else None  # config, costs: only where told
            r = prime_experiment(stage, out, conditions or CONDITIONS, shard, jobs, device, res, images, cmd, log,
                                 ckpt_every, tup(seeds, int), tol, **kw)
    except KeyboardInterrupt as e:
        log(f"{e}; finished jobs are in {out}/records, a priming run resumes from its checkpoint; run the same command to resume")
        sys.exit(getattr(e, 'exit_code', 130))
    except (ValueError, FileNotFoundError) as e: log(f"error: {str(e).splitlines()[0]}"); sys.exit(2)
    if stage == 'report':
        for f in (proxy_table, priming_table, contrast_table, priming_verdict): print(f(r)); print()
    else: log(f"{r}")
