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
from metaft.finetune import TrainSettings, PromptEncoder, pad_batch, answer_loss, evaluate, default_config, _prepare, _cut_answer


def straightforward(model, tok, rows, st, enc):
    with torch.no_grad():
        b = pad_batch([enc.encode(r['question'], r['answer']) for r in rows], tok.pad_token_id)
        s, c = answer_loss(model, b, reduction='sum')
        p = pad_batch([(enc.prompt_ids(r['question']),) for r in rows], tok.pad_token_id, left=True)
        n_new = min(st.max_new_tokens, max(len(tok(r['answer'], add_special_tokens=False).input_ids) for r in rows)+3)
        out = model.generate(input_ids=p['input_ids'], attention_mask=p['attention_mask'], max_new_tokens=n_new, do_sample=False,
                             pad_token_id=tok.pad_token_id, eos_token_id=enc.stop_ids)
    return float(s)/int(c), [_cut_answer(tok, enc, o) for o in out[:, p['input_ids'].shape[1]:].tolist()]


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
            t = time.perf_counter(); loss, preds = straightforward(pm, tok, rows, st, enc); ref.append(time.perf_counter()-t)
        print(f"{task:24s} evaluate {min(ours):.2f}s  loss+generate {min(ref):.2f}s  speed-up {min(ref)/min(ours):.2f}x  "
              f"same answers: {r['preds'] == preds}  loss {r['loss']:.4f} vs {loss:.4f}")


if __name__ == '__main__': main()
