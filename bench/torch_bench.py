#!/usr/bin/env python3
"""The PyTorch side of the standard workloads (shared/bench/WORKLOADS.md), printing the
same lines as `./nabla bench`, so that side_by_side.py reads both alike:

    python3 bench/torch_bench.py gemm [--sizes 512,1024] [--threads N]
    python3 bench/torch_bench.py train --model mlp|cnn|lstm|transformer [--threads N] [--steps S]
    python3 bench/torch_bench.py infer --model cnn|lstm|transformer|resnet18 [--threads N]

Each measurement mirrors the Java one (dev.nabla.cli.bench): the same networks (torch.nn),
Adam lr 1e-3, cross-entropy on logits, batch 128, a fresh permutation each epoch, the
median over 50-step windows after 50 warm-up steps; inference in eval mode under
torch.no_grad(); GEMM as torch.mm(a, b, out=c). Data: Fashion-MNIST from
/usr/share/datasets/fashion-mnist (or $NABLA_DATA) when installed, else random images of
the same shape. alloc_mb_per_step is not measured here (printed as "na").

resnet18 is torchvision.models.resnet18() (1,000 classes, weights drawn from seed 1) on random
images [3, 224, 224] in [0, 1): batch-1 latency and batch-32 throughput, fewer calls (20 + 30
at batch 1, 2 + 5 at batch 32), as `./nabla bench infer --model resnet18` measures it.
"""
import argparse
import gzip
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

BATCH_SIZE = 128
INFER_BATCH = 256
RESNET_BATCH = 32
DATA_DIRS = [os.environ.get("NABLA_DATA", ""), os.path.join(os.environ.get("NABLA_DATA", ""), "fashion-mnist"),
             "/usr/share/datasets/fashion-mnist"]


class LastHiddenState(nn.Module):
    """The lstm workload: each image as 28 steps of 28 features, LSTM(28→128), the last hidden state, Linear."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(28, 128, batch_first=True)
        self.head = nn.Linear(128, 10)

    def forward(self, images):
        _, (h_n, _) = self.lstm(images.reshape(-1, 28, 28))
        return self.head(h_n[-1])


class TransformerClassifier(nn.Module):
    """The transformer workload: 28 tokens of 28 features, Linear(28→64) plus a learned positional embedding,
    two post-norm encoder layers (d_model 64, 4 heads, feed-forward 128, ReLU, dropout 0.1), the mean over the
    tokens, Linear(64→10)."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(28, 64)
        self.positions = nn.Parameter(torch.randn(28, 64) * 0.02)
        layer = nn.TransformerEncoderLayer(64, 4, dim_feedforward=128, dropout=0.1, activation="relu",
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
        self.head = nn.Linear(64, 10)

    def forward(self, images):
        x = self.embed(images.reshape(-1, 28, 28)) + self.positions
        return self.head(self.encoder(x).mean(1))


def network(model, seed):
    torch.manual_seed(seed)
    if model == "transformer":
        return TransformerClassifier()
    if model == "lstm":
        return LastHiddenState()
    if model == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))


def read_idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load_data(choice):
    """(train images, train labels, test images, test labels, source) as torch tensors."""
    if choice != "random":
        for directory in DATA_DIRS:
            if directory and os.path.exists(os.path.join(directory, "train-images-idx3-ubyte.gz")):
                parts = []
                for name in ("train", "t10k"):
                    images = read_idx(os.path.join(directory, f"{name}-images-idx3-ubyte.gz"), 16)
                    labels = read_idx(os.path.join(directory, f"{name}-labels-idx1-ubyte.gz"), 8)
                    parts.append(torch.from_numpy(images.reshape(-1, 1, 28, 28).astype(np.float32) / 255.0))
                    parts.append(torch.from_numpy(labels.astype(np.int64)))
                return (*parts, "fashion-mnist")
        if choice == "fashion-mnist":
            sys.exit("torch_bench: Fashion-MNIST is not installed")
    generator = torch.Generator().manual_seed(1)
    return (torch.rand(60000, 1, 28, 28, generator=generator), torch.randint(0, 10, (60000,), generator=generator),
            torch.rand(10000, 1, 28, 28, generator=generator), torch.randint(0, 10, (10000,), generator=generator),
            "random")


def peak_rss_mib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return "%.0f" % (int(line.split()[1]) / 1024)
    except OSError:
        pass
    return "unknown"


def median_seconds_for(call, min_calls, min_seconds):
    """Warm up, then time single calls; each phase at least min_calls calls and min_seconds."""
    def timed():
        times = []
        begin = time.perf_counter()
        while len(times) < min_calls or time.perf_counter() - begin < min_seconds:
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return times
    timed()
    return statistics.median(timed())


def bench_gemm(args):
    for n in args.sizes:
        generator = torch.Generator().manual_seed(n)
        a = torch.rand(n, n, generator=generator) * 2 - 1
        b = torch.rand(n, n, generator=generator) * 2 - 1
        c = torch.empty(n, n)
        seconds = median_seconds_for(lambda: torch.mm(a, b, out=c), 5, args.min_seconds)
        print("gemm n=%d threads=%d gflops=%.1f" % (n, torch.get_num_threads(), 2.0 * n ** 3 / seconds * 1e-9),
              flush=True)


def batches(images, labels, seed):
    """Endless batches of 128 (the last partial batch of an epoch dropped), a fresh permutation each epoch."""
    generator = torch.Generator().manual_seed(seed)
    count = images.shape[0] // BATCH_SIZE
    while True:
        order = torch.randperm(images.shape[0], generator=generator)
        for i in range(count):
            index = order[i * BATCH_SIZE:(i + 1) * BATCH_SIZE]
            yield images[index], labels[index]


def bench_train(args, data):
    train_images, train_labels, _, _, source = data
    model = network(args.model, args.seed)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    source_batches = batches(train_images, train_labels, args.seed)

    def step():
        x, y = next(source_batches)
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        return loss.item()

    for _ in range(args.warmup):
        step()
    window = min(args.window, args.steps)
    rates = []
    for _ in range(max(1, args.steps // args.window)):
        start = time.perf_counter()
        for _ in range(window):
            step()
        rates.append(window * BATCH_SIZE / (time.perf_counter() - start))
    print("train model=%s threads=%d samples_per_s=%.0f alloc_mb_per_step=na peak_rss_mb=%s data=%s"
          % (args.model, torch.get_num_threads(), statistics.median(rates), peak_rss_mib(), source), flush=True)


def median_call_seconds(call, warmup, calls):
    for _ in range(warmup):
        call()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_infer(args, data):
    _, _, test_images, _, source = data
    model = network(args.model, 1)
    model.eval()

    def calls(size):
        position = [0]

        def call():
            if position[0] + size > test_images.shape[0]:
                position[0] = 0
            model(test_images[position[0]:position[0] + size])
            position[0] += size
        return call

    with torch.no_grad():
        one = median_call_seconds(calls(1), args.warmup, args.calls)
        batch = median_call_seconds(calls(INFER_BATCH), args.batch_warmup, args.batch_calls)
    print("infer model=%s threads=%d batch1_ms=%.3f batch256_samples_per_s=%.0f data=%s"
          % (args.model, torch.get_num_threads(), one * 1e3, INFER_BATCH / batch, source), flush=True)


def resnet18():
    """torchvision's ResNet-18 with fresh weights from seed 1, in eval mode."""
    # torchvision's compiled operators (nms, ...) may not match the installed torch; the model needs none.
    torch.library.register_fake = lambda *args, **kwargs: (lambda function: function)
    import torchvision.models  # noqa: E402 (after the patch above)
    torch.manual_seed(1)
    return torchvision.models.resnet18().eval()


def bench_infer_imagenet(args):
    """The resnet18 workload: batch 1 and batch 32 on random ImageNet-sized images."""
    model = resnet18()
    images = torch.rand(RESNET_BATCH, 3, 224, 224, generator=torch.Generator().manual_seed(1))
    position = [0]

    def one():
        model(images[position[0]:position[0] + 1])
        position[0] = (position[0] + 1) % RESNET_BATCH

    calls = args.calls if args.calls is not None else 30
    warmup = args.warmup if args.warmup is not None else 20
    batch_calls = args.batch_calls if args.batch_calls is not None else 5
    batch_warmup = args.batch_warmup if args.batch_warmup is not None else 2
    with torch.no_grad():
        latency = median_call_seconds(one, warmup, calls)
        batch = median_call_seconds(lambda: model(images), batch_warmup, batch_calls)
    print("infer model=resnet18 threads=%d batch1_ms=%.3f batch%d_samples_per_s=%.1f data=random"
          % (torch.get_num_threads(), latency * 1e3, RESNET_BATCH, RESNET_BATCH / batch), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    gemm = commands.add_parser("gemm")
    gemm.add_argument("--sizes", type=lambda s: [int(n) for n in s.split(",")], default=[128, 256, 512, 1024, 2048])
    gemm.add_argument("--min-seconds", type=float, default=1.0)
    train = commands.add_parser("train")
    train.add_argument("--model", required=True, choices=["mlp", "cnn", "lstm", "transformer"])
    train.add_argument("--steps", type=int, default=200)
    train.add_argument("--warmup", type=int, default=50)
    train.add_argument("--window", type=int, default=50)
    train.add_argument("--seed", type=int, default=1)
    infer = commands.add_parser("infer")
    infer.add_argument("--model", default="cnn", choices=["mlp", "cnn", "lstm", "transformer", "resnet18"])
    infer.add_argument("--calls", type=int, default=None, help="default 2000 (resnet18: 30)")
    infer.add_argument("--warmup", type=int, default=None, help="default 200 (resnet18: 20)")
    infer.add_argument("--batch-calls", type=int, default=None, help="default 50 (resnet18: 5)")
    infer.add_argument("--batch-warmup", type=int, default=None, help="default 10 (resnet18: 2)")
    for command in (gemm, train, infer):
        command.add_argument("--threads", type=int, default=None)
    for command in (train, infer):
        command.add_argument("--data", default="auto", choices=["auto", "fashion-mnist", "random"])
    args = parser.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    if args.command == "gemm":
        bench_gemm(args)
    elif args.command == "train":
        bench_train(args, load_data(args.data))
    elif args.model == "resnet18":
        bench_infer_imagenet(args)
    else:
        for name, default in (("calls", 2000), ("warmup", 200), ("batch_calls", 50), ("batch_warmup", 10)):
            if getattr(args, name) is None:
                setattr(args, name, default)
        bench_infer(args, load_data(args.data))


if __name__ == "__main__":
    main()
