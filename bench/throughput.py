"""Finetuning throughput of metaft's LoRA loop against a plain Hugging Face `Trainer` + peft, same model, config and data.

Prints tokens/s (non-padding tokens per second of training), model FLOP utilisation against the matmul peak measured
in the same run (fp32, and bf16 where the hardware has it), and the ratio metaft / Trainer.

    python bench/throughput.py [--model smollm2] [--steps 12] [--warmup 2]
"""
import argparse, time, json, math, os, platform, warnings, logging
import torch
warnings.filterwarnings('ignore'); logging.disable(logging.WARNING)
from metaft.models import load_model, bf16_supported, autocast_ctx
from metaft.finetune import FinetuneConfig, default_config, PromptEncoder, pad_batch, answer_loss, batch_indices, lr_at, TrainSettings, _prepare
from metaft.data import tiny_qa

def matmul_peak(dtype, n=2048, reps=8):
    a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
    for _ in range(2): a@b
    t = time.perf_counter()
    for _ in range(reps): a@b
    return 2*n**3*reps/(time.perf_counter()-t)

def flops_per_token(model, n_lora):
    "Training FLOPs per token: forward 2N, backward through frozen weights 2N (activation grads only), LoRA 6 per param"
    n = sum(p.numel() for n_, p in model.named_parameters() if 'lora_' not in n_ and 'embed_tokens' not in n_)
    return 4*n + 6*n_lora

def run_metaft(model, tok, cfg, train, steps, warmup):
    pm, opt, params = _prepare(model, tok, cfg, 0, 'cpu'); pm.train()
    toks, t0 = 0, None
    for s in range(warmup+steps):
        if s == warmup: t0 = time.perf_counter(); toks = 0
        b = pad_batch([train[i] for i in batch_indices(len(train), cfg.batch_size, s, 0)], tok.pad_token_id)
        for g in opt.param_groups: g['lr'] = lr_at(s, cfg, steps+warmup)
        with autocast_ctx('cpu'): loss = answer_loss(pm, b)
        loss.backward(); torch.nn.utils.clip_grad_norm_(params, 1.0); opt.step(); opt.zero_grad(set_to_none=True)
        toks += int(b['attention_mask'].sum())
    n_lora = sum(p.numel() for p in params)
    return toks/(time.perf_counter()-t0), n_lora, pm

def run_trainer(model, tok, cfg, train, steps, warmup, tmp):
    import copy
    from transformers import Trainer, TrainingArguments, DataCollatorForSeq2Seq
    from peft import LoraConfig, get_peft_model
    from metaft.models import target_modules
    from transformers import TrainerCallback
    base = copy.deepcopy(model); torch.manual_seed(0)
    pm = get_peft_model(base, LoraConfig(r=cfg.rank, lora_alpha=cfg.alpha, lora_dropout=cfg.dropout, task_type='CAUSAL_LM',
                                         target_modules=target_modules(base.config.model_type, cfg.targets)))
    rows = [dict(input_ids=i, attention_mask=[1]*len(i), labels=l) for i, l in train]
    class Clock(TrainerCallback):
        t0 = None; toks = 0
        def on_step_begin(self, args, state, control, **kw):
            if state.global_step == warmup and self.t0 is None: self.t0 = time.perf_counter()
    clock = Clock()
    args = TrainingArguments(output_dir=tmp, per_device_train_batch_size=cfg.batch_size, max_steps=steps+warmup, learning_rate=cfg.lr,
                             weight_decay=cfg.weight_decay, warmup_steps=int(round(cfg.warmup*(steps+warmup))), lr_scheduler_type=cfg.scheduler, max_grad_norm=1.0,
                             logging_steps=10**6, save_strategy='no', report_to=[], use_cpu=True, bf16=bf16_supported('cpu'),
                             dataloader_num_workers=0, disable_tqdm=True, seed=0)
    coll = DataCollatorForSeq2Seq(tok, padding=True, label_pad_token_id=-100)
    counted = []
    def collate(feats):
        b = coll(feats); counted.append(int(b['attention_mask'].sum())); return b
    tr = Trainer(model=pm, args=args, train_dataset=rows, data_collator=collate, callbacks=[clock])
    tr.train()
    dt = time.perf_counter()-clock.t0
    return sum(counted[warmup:warmup+steps])/dt

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--model', default='smollm2'); ap.add_argument('--steps', type=int, default=12)
    ap.add_argument('--warmup', type=int, default=2); a = ap.parse_args()
    import tempfile
    model, tok = load_model(a.model, device='cpu')
    cfg = default_config()
    qa = tiny_qa(n_facts=60, paraphrases=8)
    enc = PromptEncoder(tok, TrainSettings().system_prompt, 128)
    train = [enc.encode(r['question'], r['answer']) for r in qa.train]
    peak32 = matmul_peak(torch.float32)
    peak16 = matmul_peak(torch.bfloat16, n=1024, reps=2) if bf16_supported('cpu') else float('nan')
    t = time.perf_counter(); tps_m, n_lora, pm = run_metaft(model, tok, cfg, train, a.steps, a.warmup)
    print(f'metaft: {tps_m:.1f} tokens/s ({time.perf_counter()-t:.0f}s)', flush=True)
    with tempfile.TemporaryDirectory() as d: tps_t = run_trainer(model, tok, cfg, train, a.steps, a.warmup, d)
    fpt = flops_per_token(pm, n_lora)
    peak = peak16 if bf16_supported('cpu') else peak32
    res = dict(model=a.model, config=cfg.to_dict(), threads=torch.get_num_threads(), cpu=platform.processor() or platform.machine(),
               bf16_hardware=bf16_supported('cpu'), matmul_peak_fp32_gflops=peak32/1e9, matmul_peak_bf16_gflops=peak16/1e9,
               metaft_tokens_per_s=tps_m, trainer_tokens_per_s=tps_t, ratio=tps_m/tps_t, train_flops_per_token=fpt,
               metaft_mfu=tps_m*fpt/peak, trainer_mfu=tps_t*fpt/peak, mean_tokens_per_example=sum(len(x[0]) for x in train)/len(train))
    for k, v in res.items(): print(f"{k:28s} {v:.4g}" if isinstance(v, float) else f"{k:28s} {v}")
    print(json.dumps(res))
