#!/usr/bin/env python3
"""The PyTorch side of `./nabla bench generate`: greedy generation of one sequence by the same
GPT-style model (token embedding + learned positions, pre-norm blocks of causal multi-head
self-attention and a GELU MLP, final LayerNorm, linear head without bias), with random weights,
with a key/value cache (Hugging Face's past_key_values: each layer's keys and values
concatenated step by step) and without (the whole sequence rerun for every token), printing the
same line as the Java command:

    python3 bench/torch_generate.py [--threads N] [--layers 4 --d-model 128 --heads 4 --vocabulary 96]
                                    [--context 256 --prompt 16 --tokens 128 --warmup 10 --runs 5]

New tokens per second, prompt processing included, the median of the runs after warm-up runs,
under torch.inference_mode().
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn


class Block(nn.Module):
    def __init__(self, d_model, heads):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(d_model)
        self.in_proj = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.linear1 = nn.Linear(d_model, 4 * d_model)
        self.linear2 = nn.Linear(4 * d_model, d_model)

    def forward(self, x, past=None):
        n, length, d = x.shape
        q, k, v = self.in_proj(self.norm1(x)).split(d, dim=2)
        q, k, v = (t.view(n, length, self.heads, d // self.heads).transpose(1, 2) for t in (q, k, v))
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        # one new query attends to every cached key; a whole sequence attends causally
        attended = F.scaled_dot_product_attention(q, k, v, is_causal=length > 1)
        x = x + self.out_proj(attended.transpose(1, 2).reshape(n, length, d))
        x = x + self.linear2(F.gelu(self.linear1(self.norm2(x))))
        return x, (k, v)


class Gpt(nn.Module):
    def __init__(self, vocabulary, context, d_model, heads, layers):
        super().__init__()
        self.tokens = nn.Embedding(vocabulary, d_model)
        self.positions = nn.Parameter(torch.randn(context, d_model) * 0.02)
        self.blocks = nn.ModuleList(Block(d_model, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocabulary, bias=False)

    def forward(self, ids, offset=0, past=None):
        x = self.tokens(ids) + self.positions[offset:offset + ids.shape[1]]
        cache = []
        for i, block in enumerate(self.blocks):
            x, kv = block(x, None if past is None else past[i])
            cache.append(kv)
        return self.head(self.norm(x[:, -1:])), cache


def generate(model, prompt, tokens, cached):
    ids = prompt
    out = []
    logits, past = model(ids)
    for step in range(tokens):
        token = logits[0, -1].argmax().view(1, 1)
        out.append(token)
        if step == tokens - 1:
            break
        ids = torch.cat([ids, token], dim=1)
        if cached:
            logits, past = model(token, offset=ids.shape[1] - 1, past=past)
        else:
            logits, _ = model(ids)
    return torch.cat(out, dim=1)


def tokens_per_second(model, prompt, tokens, cached, warmup, runs):
    for _ in range(warmup):
        generate(model, prompt, tokens, cached)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        made = generate(model, prompt, tokens, cached).shape[1]
        rates.append(made / (time.perf_counter() - start))
    return statistics.median(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--vocabulary", type=int, default=96)
    parser.add_argument("--context", type=int, default=256)
    parser.add_argument("--prompt", type=int, default=16)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = Gpt(a.vocabulary, a.context, a.d_model, a.heads, a.layers).eval()
    prompt = torch.randint(0, a.vocabulary, (1, a.prompt))
    with torch.inference_mode():
        cached = tokens_per_second(model, prompt, a.tokens, True, a.warmup, a.runs)
        uncached = tokens_per_second(model, prompt, a.tokens, False, a.warmup, a.runs)
    print(f"generate model=gpt layers={a.layers} d_model={a.d_model} heads={a.heads} vocabulary={a.vocabulary}"
          f" context={a.context} prompt={a.prompt} tokens={a.tokens} threads={a.threads}"
          f" cached_tokens_per_s={cached:.0f} uncached_tokens_per_s={uncached:.0f}")


if __name__ == "__main__":
    main()
