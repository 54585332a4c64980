#!/usr/bin/env python
"""The priming experiment of nbs/08_prime.ipynb: prime SmolLM2 (multitask, MAML first and second order), then
LoRA-finetune every base and two peft initialisations on held-out tasks, then write nbs/files/prime_eval.json.
  python scripts/prime_experiment.py --stage prime --out DIR [--shard I/N] [--device cuda]
  python scripts/prime_experiment.py --stage eval --out DIR [--shard I/N] [--device cuda]
  python scripts/prime_experiment.py --stage report --out DIR
Every stage resumes where it stopped; SIGINT/SIGTERM save what exists and exit 130/143."""
import sys, shlex
from pathlib import Path
from fastcore.script import call_parse, store_true

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's metaft, installed or not

@call_parse
def main(stage:str=None, # prime, eval or report
         out:str='prime-experiment', # Experiment folder: spec.json, primed/CONDITION, eval/jobs-IofN.PID.jsonl
         shard:str='0/1', # This process's share I/N of the stage's jobs (prime: of the 3 conditions)
         device:str=None, # Device (cuda, cpu); default: the best available
         conditions:str=None, # Comma-separated subset of the stage's conditions
         results:str=str(REPO/'nbs/files/prime_eval.json'), # report: results file
         images:str=str(REPO/'nbs/images'), # report: plot folder
         model:str=None, # Base model (default smollm2)
         prime_tasks:str=None, # Comma-separated priming tasks (default: 12 built-in tasks)
         heldout:str=None, # Comma-separated held-out tasks (default: 4 built-in tasks)
         n_prime:int=None, # Priming task size: n facts (facts-*) or 12*n questions (math-*) (default: the task's own)
         n_heldout:int=None, # Held-out task size, the same way (default 24)
         episodes:int=None, # Priming episodes (default 200)
         support_size:int=None, # Support rows per episode (default 16)
         query_size:int=None, # Query rows per episode (default 8)
         inner_steps:int=None, # MAML inner AdamW steps (default 6)
         outer_lr:float=None, # Outer Adam learning rate (default 1e-5)
         seeds:str=None, # Comma-separated finetuning seeds (default 0,1,2)
         configs:str=None, # Comma-separated LoRA config names (default r16-lr2e-3,default; MAML simulates the first)
         steps_per_fidelity:int=None, # Finetuning steps per fidelity unit (default 6)
         max_fidelity:int=None, # Finetuning fidelity units (default 8)
         max_eval:int=None, # Validation/test rows per evaluation (default 32)
         quiet:store_true=False, # No progress bars
         ckpt_every:int=50, # prime: checkpoint every this many episodes
        ):
    "Run one stage of the priming experiment"
    from metaft.prime import prime_experiment
    from metaft.checkpoint import handle_signals, Interrupted
    if stage not in ('prime', 'eval', 'report'): sys.exit(f"prime_experiment: --stage {stage!r}: use prime, eval or report")
    tup = lambda s, f=str: tuple(f(x) for x in s.split(',') if x.strip()) if s else None
    kw = dict(model=model, prime_tasks=tup(prime_tasks), heldout=tup(heldout), n_prime=n_prime, n_heldout=n_heldout,
              episodes=episodes, support_size=support_size, query_size=query_size, inner_steps=inner_steps,
              outer_lr=outer_lr, seeds=tup(seeds, int),
              configs=tup(configs), steps_per_fidelity=steps_per_fidelity, max_fidelity=max_fidelity, max_eval=max_eval)
    log = lambda m: print(f"prime_experiment {stage}: {m}", file=sys.stderr, flush=True)
    cmd = 'python scripts/prime_experiment.py ' + ' '.join(shlex.quote(a) for a in sys.argv[1:])
    try:
        # prime: finish the episode in flight and checkpoint (prime defers the signal); eval: drop the job in flight
        with handle_signals():
            prime_experiment(stage, out, shard, device, conditions, results, images, cmd, not quiet, log, ckpt_every,
                             **kw)
    except Interrupted as e:
        kept = f'finished jobs are in {out}/eval' if stage == 'eval' else 'nothing lost'
        log(f"{e}; {kept}; run the same command to resume")
        sys.exit(e.exit_code)
    except (ValueError, FileNotFoundError) as e: log(f"error: {str(e).splitlines()[0]}"); sys.exit(2)
