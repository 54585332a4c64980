"""Scoring speed: metaft's `evaluate` (each prompt read once: one prompt cache for the answer loss and for greedy
decoding) against the straightforward way (teacher-forced loss on prompt+answer, then `generate`), same model and rows.

Prints seconds per evaluation of each, the speed-up, and whether both give the same answers and loss.

    python bench/eval_speed.py [--model smollm2] [--rows 16] [--reps 3]
"""
import argparse, time, warnings, logging
import torch
warnings.filterwarnings('ignore'); logging.disable(logging.WARNING)
from metaft.models import load_model
from metaft.tasks import make_task
from metaft.finetune import TrainSettings, PromptEncoder, evaluate, default_config, _prepare, _reference_scores


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--model', default='smollm2'); ap.add_argument('--rows', type=int, default=16); ap.add_argument('--reps', type=int, default=3)
    a = ap.parse_args()
    m, tok = load_model(a.model)
    pm = _prepare(m, tok, default_config(), 0, 'cpu')[0].eval()
    st, enc = TrainSettings(max_eval=a.rows), PromptEncoder(tok)
    print(f"{a.model}, LoRA (default config), {a.rows} rows per evaluation, {torch.get_num_threads()} threads, best of {a.reps}")
    for task in ('facts-planets', 'math-arithmetic__mul'):
        rows = make_task(task, n=16*(12 if task.startswith('math') else 1), seed=0).validation[:a.rows]
        ours, ref = [], []
        for _ in range(a.reps):
            t = time.perf_counter(); r = evaluate(pm, tok, rows, st, enc, 'cpu', return_preds=True); ours.append(time.perf_counter()-t)
            t = time.perf_counter(); loss, preds = _reference_scores(pm, tok, rows, st, enc); ref.append(time.perf_counter()-t)
        print(f"{task:24s} evaluate {min(ours):.2f}s  loss+generate {min(ref):.2f}s  speed-up {min(ref)/min(ours):.2f}x  "
              f"same answers: {r['preds'] == preds}  loss {r['loss']:.4f} vs {loss:.4f}")


if __name__ == '__main__': main()
