#!/usr/bin/env python3
"""Nabla and PyTorch side by side on the standard workloads (shared/bench/WORKLOADS.md).

For each workload and thread count, runs PyTorch (bench/torch_bench.py) and Nabla
(./nabla bench ...) alternately, A B A B ..., each run a fresh process, and prints a
table of the medians and the ratio Nabla / PyTorch:

    python3 bench/side_by_side.py [--repeats 3] [--threads 1,2]
                                  [--mlp-steps 1000] [--cnn-steps 300] [--lstm-steps 200]
                                  [--transformer-steps 200]
                                  [--workloads gemm,train-mlp,train-cnn,infer-cnn,train-lstm,infer-lstm,
                                               train-transformer,infer-transformer,infer-resnet18]
                                  [--wait-quiet SECONDS] [--max-other-load CORES]

Training runs time whole 50-step windows after 50 warm-up steps and report the median
window, so more steps mean more windows: an mlp step takes about a millisecond, and the
JVM is still compiling during the first windows; the median of 20 windows is the steady
state. Needs torch and numpy (pip install torch numpy) and a JDK 25 for ./nabla.

Each run's own output line goes to stderr as it comes, with the CPU that other processes
used meanwhile (in cores, from /proc/stat less this script's children): a benchmark on a
busy machine is noise. --wait-quiet waits, before each run, up to SECONDS for a moment
when other processes use less than a fifth of a core; a run during which they used more
than --max-other-load cores (default 0.25) is run again, at most twice. The table goes
to stdout.
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NABLA = [os.path.join(ROOT, "nabla"), "bench"]
TORCH = [sys.executable, os.path.join(ROOT, "bench", "torch_bench.py")]
LINE = re.compile(r"^(gemm|train|infer) (\S+=\S+ ?)+$")

# (metric key, label, whether more is faster (None: not a speed), format) of each workload's lines
METRICS = {
    "gemm": [("gflops", "GFLOP/s", True, "%.1f")],
    "train": [("samples_per_s", "samples/s", True, "%.0f"), ("peak_rss_mb", "peak RSS MiB", None, "%.0f"),
              ("alloc_mb_per_step", "alloc MiB/step", None, "%.1f")],
    "infer": [("batch1_ms", "batch-1 latency ms", False, "%.3f"),
              ("batch256_samples_per_s", "batch-256 samples/s", True, "%.0f"),
              ("batch32_samples_per_s", "batch-32 samples/s", True, "%.1f")],
}


def workloads(names, args):
    """(name, command arguments) for each chosen workload."""
    table = {
        "gemm": ["gemm", "--sizes", "512,1024"],
        "train-mlp": ["train", "--model", "mlp", "--steps", str(args.mlp_steps)],
        "train-cnn": ["train", "--model", "cnn", "--steps", str(args.cnn_steps)],
        "infer-cnn": ["infer", "--model", "cnn"],
        "train-lstm": ["train", "--model", "lstm", "--steps", str(args.lstm_steps)],
        "infer-lstm": ["infer", "--model", "lstm"],
        "train-transformer": ["train", "--model", "transformer", "--steps", str(args.transformer_steps)],
        "infer-transformer": ["infer", "--model", "transformer"],
        "infer-resnet18": ["infer", "--model", "resnet18"],
    }
    for name in names:
        if name not in table:
            sys.exit("side_by_side: unknown workload %r; choose from %s" % (name, ", ".join(table)))
        yield name, table[name]


def cpu_clock():
    """(wall seconds, CPU seconds of the whole machine, CPU seconds of this script's finished children)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        busy = (sum(fields[:3]) + sum(fields[5:8])) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait
    except OSError:
        busy = float("nan")
    return time.monotonic(), busy, children.ru_utime + children.ru_stime


def other_load(before, after):
    """The cores other processes used on average between two cpu_clock() readings."""
    wall = after[0] - before[0]
    return max(0.0, (after[1] - before[1]) - (after[2] - before[2])) / wall if wall > 0 else 0.0


def wait_quiet(max_seconds):
    """Waits up to max_seconds for a 2-second moment in which other processes use under 0.2 cores."""
    deadline = time.monotonic() + max_seconds
    while True:
        before = cpu_clock()
        time.sleep(2)
        load = other_load(before, cpu_clock())
        if load < 0.2 or time.monotonic() > deadline:
            return load


def run(command, loads):
    """The parsed result lines of one run: a list of {key: value} dicts; appends the others' load to loads."""
    before = cpu_clock()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    after = cpu_clock()
    if done.returncode != 0:
        sys.exit("side_by_side: %s failed (exit %d):\n%s" % (" ".join(command), done.returncode, done.stderr))
    loads.append(other_load(before, after))
    results = []
    for line in done.stdout.splitlines():
        if LINE.match(line):
            print("  %-7s %s  (%.0f s, others %.2f cores)" % ("nabla" if command[0] == NABLA[0] else "pytorch", line,
                                                               after[0] - before[0], loads[-1]),
                  file=sys.stderr, flush=True)
            fields = dict(pair.split("=", 1) for pair in line.split()[1:])
            fields["kind"] = line.split()[0]
            results.append(fields)
    if not results:
        sys.exit("side_by_side: %s printed no result line:\n%s" % (" ".join(command), done.stdout))
    return results


def row_key(result):
    """What identifies a measurement within a run: the workload and, for GEMM, the size."""
    if result["kind"] == "gemm":
        return "gemm n=%s" % result["n"]
    return "%s %s" % (result["kind"], result["model"])


def median_of(values):
    numbers = [float(v) for v in values if v not in ("na", "unknown")]
    return statistics.median(numbers) if numbers else None


def verdict(ratio, more_is_better):
    """How Nabla compares in speed: '2.31x slower', '1.10x faster' or 'same'."""
    if not ratio or more_is_better is None:
        return ""
    speed = ratio if more_is_better else 1 / ratio  # above 1: Nabla is faster
    if abs(speed - 1) < 0.005:
        return "same"
    return "%.2fx faster" % speed if speed > 1 else "%.2fx slower" % (1 / speed)


def run_quietly(command, loads, args):
    """run(), again (at most twice) while other processes took more than args.max_other_load cores."""
    for attempt in range(3):
        if args.wait_quiet > 0:
            wait_quiet(args.wait_quiet)
        attempt_loads = []
        results = run(command, attempt_loads)
        if attempt_loads[0] <= args.max_other_load or attempt == 2:
            loads.extend(attempt_loads)
            return results
        print("  (other processes used %.2f cores: once more)" % attempt_loads[0], file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side per workload (default 3)")
    parser.add_argument("--threads", default="1,2", help="thread counts, comma-separated (default 1,2)")
    parser.add_argument("--mlp-steps", type=int, default=1000, help="timed mlp training steps per run (default 1000)")
    parser.add_argument("--cnn-steps", type=int, default=300, help="timed cnn training steps per run (default 300)")
    parser.add_argument("--lstm-steps", type=int, default=200, help="timed lstm training steps per run (default 200)")
    parser.add_argument("--transformer-steps", type=int, default=200,
                        help="timed transformer training steps per run (default 200)")
    parser.add_argument("--workloads", default="gemm,train-mlp,train-cnn,infer-cnn,train-lstm,infer-lstm,"
                                                "train-transformer,infer-transformer,infer-resnet18")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="before each run, wait up to SECONDS for other processes to go quiet (default 0)")
    parser.add_argument("--max-other-load", type=float, default=0.25, metavar="CORES",
                        help="run again a run during which other processes used more cores (default 0.25)")
    args = parser.parse_args()
    if args.repeats < 1:
        sys.exit("side_by_side: --repeats must be at least 1")
    thread_counts = [int(t) for t in args.threads.split(",")]

    # Build the Nabla jar first, so that no run pays for it.
    subprocess.run([os.path.join(ROOT, "nabla"), "--version"], cwd=ROOT, check=True, capture_output=True)
    measured = {}  # (row key, threads) -> {"pytorch": [results], "nabla": [results]}
    order = []
    loads = []
    for name, arguments in workloads(args.workloads.split(","), args):
        for threads in thread_counts:
            print("%s, %d thread%s:" % (name, threads, "" if threads == 1 else "s"), file=sys.stderr, flush=True)
            for _ in range(args.repeats):
                for side, command in (("pytorch", TORCH), ("nabla", NABLA)):
                    for result in run_quietly(command + arguments + ["--threads", str(threads)], loads, args):
                        key = (row_key(result), threads)
                        if key not in measured:
                            measured[key] = {"pytorch": [], "nabla": []}
                            order.append(key)
                        measured[key][side].append(result)
    print_table(measured, order, args, loads)


def print_table(measured, order, args, loads):
    sources = sorted({r["data"] for sides in measured.values() for side in sides.values() for r in side if "data" in r})
    print()
    print("Medians of %d alternating runs per side (PyTorch %s, %s); ratio = Nabla / PyTorch."
          % (args.repeats, torch_version(), nabla_version()))
    print("Training: median of 50-step windows after 50 warm-up steps; %d timed steps (mlp), %d (cnn), %d (lstm),"
          " %d (transformer) per run." % (args.mlp_steps, args.cnn_steps, args.lstm_steps, args.transformer_steps))
    print("Data: %s. Other processes used %.2f cores on average during the runs (at most %.2f in one run)."
          % (", ".join(sources) or "-", statistics.mean(loads), max(loads)))
    print()
    header = ("workload", "threads", "metric", "PyTorch", "Nabla", "Nabla / PyTorch", "Nabla is")
    rows = []
    for key in order:
        workload, threads = key
        sides = measured[key]
        kind = sides["nabla"][0]["kind"] if sides["nabla"] else sides["pytorch"][0]["kind"]
        for metric, label, more_is_better, form in METRICS[kind]:
            torch_median = median_of(r.get(metric, "na") for r in sides["pytorch"])
            nabla_median = median_of(r.get(metric, "na") for r in sides["nabla"])
            if torch_median is None and nabla_median is None:
                continue  # a metric of other workloads (batch 256 of the small ones, batch 32 of resnet18)
            ratio = nabla_median / torch_median if torch_median and nabla_median is not None else None
            rows.append((workload, str(threads), label, fmt(form, torch_median), fmt(form, nabla_median),
                         "%.2f" % ratio if ratio is not None else "-", verdict(ratio, more_is_better)))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")


def torch_version():
    done = subprocess.run([sys.executable, "-c", "import torch; print(torch.__version__)"], capture_output=True,
                          text=True)
    return done.stdout.strip() or "?"


def nabla_version():
    done = subprocess.run([os.path.join(ROOT, "nabla"), "--version"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "?"


def fmt(form, value):
    return "-" if value is None else form % value


if __name__ == "__main__":
    main()
