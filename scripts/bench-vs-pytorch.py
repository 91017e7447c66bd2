#!/usr/bin/python3
"""saraf and PyTorch side by side on the standard workloads (docs/benchmarks.md, issue 5).

Usage: scripts/bench-vs-pytorch.py [mlp|cnn|gemm|all] [--runs 3] [--threads 2] [--epochs 1]
                                   [--markdown FILE] [--data DIR] [--sizes 256,...] [--saraf-only]
       scripts/bench-vs-pytorch.py --self-test

Alternates the two sides, run by run (saraf 1, PyTorch 1, saraf 2, PyTorch 2, ...), and prints the
medians, the saraf/PyTorch ratios against issue 5's targets, the accuracy after each epoch, and
every run's raw numbers.
  saraf:   ./saraf bench W --threads T --epochs E --json
  PyTorch: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE
           /usr/bin/python3 bench/pytorch/pytorch_workloads.py W --threads T --epochs E
  gemm:    ./saraf bench gemm vs bench/pytorch/openblas_gemm.py N (numpy, i.e. OpenBLAS), same env.
Peak memory is each child's ru_maxrss from os.wait4, so both sides are measured the same way.
--threads 1,2 runs every side at both counts and reports the 1 -> 2 speedup and the parallel
fraction by Amdahl's law, p = (1 - 1/S) / (1 - 1/T) (for T = 2: p = 2 (1 - 1/S)); with
--saraf-only PyTorch is not run (e.g. for the W-CNN speedup alone). Standard library only.
"""
import argparse, glob, json, os, re, statistics, subprocess, sys, tempfile, time, unittest
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"
PEER_ENV = ["env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE", "OMP_WAIT_POLICY=PASSIVE"]
INSTALL = "apt-get install python3-torch python3-numpy python3-threadpoolctl libopenblas0-pthread dataset-fashion-mnist"
DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
# Issue 5's targets for saraf / PyTorch: (comparison, bound).
TARGETS = {"epoch_s": {"mlp": ("<=", 0.8), "cnn": ("<=", 0.9)}, "b1000": (">=", 1.1), "b1_us": ("<=", 0.5),
           "rss_mib": ("<=", 1.0)}
GEMM_TARGET = (">=", 0.85)  # the GEMM issue: at least 0.85x OpenBLAS at n = 1024 and 2048


# ---------------------------------------------------------------- parsing

def parse_pytorch(text):
    """The RESULT lines of pytorch_workloads.py as {epochs: [{epoch_s, acc, ...}], b1000, b1_us, ...}."""
    run = {"epochs": [], "b1000": None, "b1000_runs": [], "b1_us": None, "b1_p10": None, "b1_p90": None}
    for line in text.splitlines():
        if not line.startswith("RESULT pytorch "):
            continue
        kv = dict(re.findall(r"(\w+)=(\[[^\]]*\]|\S+)", line))
        if "epoch" in kv:
            run["epochs"].append({"epoch": int(kv["epoch"]), "epoch_s": float(kv["epoch_s"]),
                                  "samples_per_s": float(kv["samples_per_s"]), "acc": float(kv["test_acc"]),
                                  "loss": float(kv["last_batch_loss"])})
        elif "infer_b1000_img_per_s" in line:
            run["b1000"] = float(kv["median"])
            run["b1000_runs"] = [float(x) for x in kv["runs"].strip("[]").split(",") if x.strip()]
        elif "latency_b1_us" in line:
            run["b1_us"], run["b1_p10"], run["b1_p90"] = float(kv["median"]), float(kv["p10"]), float(kv["p90"])
    if not run["epochs"]:
        raise ValueError("no 'RESULT pytorch ... epoch=' line in the output")
    return run


def parse_saraf(text):
    """The JSON object of ./saraf bench mlp|cnn --json, in the same form as parse_pytorch's."""
    m = json.loads(text)
    run = {"epochs": [{"epoch": e["epoch"], "epoch_s": e["epoch_s"], "samples_per_s": e["samples_per_s"],
                       "acc": e["test_accuracy"], "loss": e["last_batch_loss"]} for e in m["epochs"]],
           "b1000": None, "b1000_runs": [], "b1_us": None, "b1_p10": None, "b1_p90": None,
           "vmhwm_mib": m.get("peak_rss_mib"), "gflops": [e.get("gflops") for e in m["epochs"]],
           "peak_fraction": [e.get("peak_fraction") for e in m["epochs"]]}
    inf = m.get("inference")
    if inf:
        run["b1000"] = inf["b1000_images_per_s"]["median"]
        run["b1000_runs"] = inf["b1000_images_per_s"]["runs"]
        b1 = inf["b1_latency_us"]
        run["b1_us"], run["b1_p10"], run["b1_p90"] = b1["median"], b1["p10"], b1["p90"]
    return run


def parse_openblas(text, threads, lib="numpy"):
    """{n: median GFLOP/s} of openblas_gemm.py's RESULT lines for `lib` at `threads` threads."""
    out = {}
    for line in text.splitlines():
        kv = dict(re.findall(r"(\w+)=(\[[^\]]*\]|\S+)", line))
        if line.startswith("RESULT gemm ") and kv.get("lib") == lib and int(kv.get("threads", -1)) == threads:
            out[int(kv["N"])] = float(kv["median_gflops"])
    return out


def parse_saraf_gemm(text):
    """{n: median GFLOP/s} of ./saraf bench gemm --json."""
    return {row["n"]: row["gflops"] for row in json.loads(text)["gemm"]}


# ---------------------------------------------------------------- statistics and the table

def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def ratio(a, b):
    return a / b if a is not None and b else None


def met(r, target):
    if r is None or target is None:
        return ""
    op, bound = target
    return "yes" if (r <= bound if op == "<=" else r >= bound) else "NO"


def amdahl(speedup, threads):
    """Parallel fraction p with 1 / ((1 - p) + p / T) = S."""
    return (1 - 1 / speedup) / (1 - 1 / threads)


def training_rows(workload, saraf_runs, torch_runs):
    """[(figure, saraf values, PyTorch values, target)] for one workload and thread count."""
    def per_run(runs, key):
        return [r[key] for r in runs]
    rows = [("epoch time (s)", [median([e["epoch_s"] for e in r["epochs"]]) for r in saraf_runs],
             [median([e["epoch_s"] for e in r["epochs"]]) for r in torch_runs], TARGETS["epoch_s"][workload]),
            ("samples/s", [median([e["samples_per_s"] for e in r["epochs"]]) for r in saraf_runs],
             [median([e["samples_per_s"] for e in r["epochs"]]) for r in torch_runs], None),
            ("inference b1000 (images/s)", per_run(saraf_runs, "b1000"), per_run(torch_runs, "b1000"), TARGETS["b1000"]),
            ("latency b1, median (µs)", per_run(saraf_runs, "b1_us"), per_run(torch_runs, "b1_us"), TARGETS["b1_us"]),
            ("peak memory, ru_maxrss (MiB)", per_run(saraf_runs, "rss_mib"), per_run(torch_runs, "rss_mib"), TARGETS["rss_mib"])]
    epochs = max([len(r["epochs"]) for r in saraf_runs + torch_runs] or [0])
    for e in range(epochs):
        rows.append((f"test accuracy after epoch {e + 1}",
                     [r["epochs"][e]["acc"] for r in saraf_runs if len(r["epochs"]) > e],
                     [r["epochs"][e]["acc"] for r in torch_runs if len(r["epochs"]) > e], "accuracy"))
    return rows


def gemm_rows(saraf_runs, peer_runs):
    sizes = sorted({n for r in saraf_runs + peer_runs for n in r})
    return [(f"GEMM n={n} (GFLOP/s)", [r.get(n) for r in saraf_runs], [r.get(n) for r in peer_runs],
             GEMM_TARGET if n >= 1024 else None) for n in sizes]


def table(rows, peer="PyTorch"):
    """The rows as (header, body lines): figure | saraf median | peer median | ratio | target | met?"""
    header = ["figure", "saraf median", f"{peer} median", f"saraf/{peer}", "target", "met?"]
    body = []
    for name, s, p, target in rows:
        ms, mp = median(s), median(p)
        if target == "accuracy":
            diff = None if ms is None or mp is None else ms - mp
            body.append([name, fmt(ms, 4), fmt(mp, 4), "" if diff is None else f"{diff:+.4f} (difference)",
                         "within noise", ""])
            continue
        r = ratio(ms, mp)
        body.append([name, fmt(ms), fmt(mp), fmt(r, 3), "" if target is None else f"{target[0]} {target[1]}", met(r, target)])
    return header, body


def fmt(x, digits=None):
    if x is None:
        return "-"
    if digits is not None:
        return f"{x:.{digits}f}"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}" if abs(x) < 1 else f"{x:.2f}" if abs(x) < 10 else f"{x:.1f}"


def render_text(header, body):
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
             for row in [header] + body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_markdown(header, body):
    out = ["| " + " | ".join(header) + " |", "| --- | " + " | ".join("---:" for _ in header[1:]) + " |"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in body]
    return "\n".join(out)


# ---------------------------------------------------------------- running

def run_child(cmd, cwd=ROOT):
    """Runs cmd; returns (exit code, stdout, stderr, peak RSS in MiB from wait4, wall seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        wall = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        return p.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"), usage.ru_maxrss / 1024, wall


def checked(name, cmd):
    rc, out, err, rss, wall = run_child(cmd)
    if rc != 0:
        sys.exit(f"{name} failed (exit {rc}): {' '.join(cmd)}\n{(err or out)[-3000:]}")
    return out, rss, wall


def saraf_cmd(workload, threads, args, extra=()):
    return ["./saraf", "bench", workload, "--threads", str(threads), "--json", *extra] + (
        ["--epochs", str(args.epochs), "--data", args.data] if workload != "gemm" else ["--sizes", args.sizes])


def torch_cmd(workload, threads, args):
    return PEER_ENV + [PY, "bench/pytorch/pytorch_workloads.py", workload, "--threads", str(threads),
                       "--epochs", str(args.epochs), "--data", args.data]


def gemm_peer_cmd(n, reps=7):
    return PEER_ENV + [PY, "bench/pytorch/openblas_gemm.py", str(n), str(reps)]


def machine():
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return model, os.cpu_count()


def prerequisites(args):
    """Checks what the run needs; exits saying what to install when something is missing."""
    missing = []
    needs_peer = not args.saraf_only
    if needs_peer:
        if not os.access(PY, os.X_OK):
            missing.append(f"{PY} (apt-get install python3)")
        else:
            # pytorch_workloads.py needs torch and numpy; openblas_gemm.py threadpoolctl too.
            mods = "torch, numpy" + (", threadpoolctl" if "gemm" in args.workloads else "")
            rc, _, err, _, _ = run_child([PY, "-c", f"import {mods}"])
            if rc != 0:
                missing.append(f"Python modules ({err.strip().splitlines()[-1] if err.strip() else mods})")
        if not glob.glob("/usr/lib/*/openblas-pthread/libopenblas*.so*") and not glob.glob("/usr/lib/*/libopenblas*.so*"):
            missing.append("libopenblas0-pthread (without it Debian's torch and numpy use a reference BLAS ~60x slower)")
    if any(w != "gemm" for w in args.workloads) and not os.path.isdir(args.data):
        missing.append(f"Fashion-MNIST in {args.data}")
    if missing:
        sys.exit("missing: " + "; ".join(missing) + f"\ninstall with: {INSTALL}")
    rc, out, err, _, _ = run_child(["./saraf", "--version"])  # builds saraf if needed, outside the measured runs
    if rc != 0:
        sys.exit(f"./saraf does not run:\n{err[-3000:]}")
    return out.strip().replace("\n", "; ")


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workload", nargs="?", default="all", choices=["mlp", "cnn", "gemm", "all"])
    ap.add_argument("--runs", type=int, default=3, help="runs of each side (default 3)")
    ap.add_argument("--threads", default="2", help="thread count, or several: 1,2 (default 2)")
    ap.add_argument("--epochs", type=int, default=1, help="epochs per training run (default 1)")
    ap.add_argument("--data", default=DEFAULT_DATA, help=f"Fashion-MNIST folder (default {DEFAULT_DATA})")
    ap.add_argument("--sizes", default="256,512,1024,2048", help="gemm sizes (default 256,512,1024,2048)")
    ap.add_argument("--markdown", metavar="FILE", help="also write the tables as markdown (for docs/benchmarks.md)")
    ap.add_argument("--saraf-only", action="store_true", help="run saraf alone (e.g. --threads 1,2 for its speedup)")
    ap.add_argument("--self-test", action="store_true", help="test this script's parsing and statistics, then exit")
    args = ap.parse_args(argv)
    if args.self_test:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(SelfTest)
        return 0 if unittest.TextTestRunner(verbosity=1).run(suite).wasSuccessful() else 1
    if args.runs < 1 or args.epochs < 1:
        ap.error("--runs and --epochs must be at least 1")
    args.workloads = ["mlp", "cnn", "gemm"] if args.workload == "all" else [args.workload]
    threads = [int(t) for t in args.threads.split(",")]
    if any(t not in (1, 2) for t in threads) and "gemm" in args.workloads and not args.saraf_only:
        ap.error("openblas_gemm.py times 1 and 2 threads only")
    os.chdir(ROOT)

    version = prerequisites(args)
    model, cores = machine()
    load0 = os.getloadavg()
    started = datetime.now(timezone.utc)
    head = [f"date: {started:%Y-%m-%d %H:%M} UTC", f"machine: {model}, {cores} cores; {version}",
            f"load average at start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}",
            f"command: scripts/bench-vs-pytorch.py {' '.join(argv)}".rstrip()]
    print("\n".join(head), flush=True)
    if load0[0] > 0.5:
        print(f"WARNING: the 1-minute load average is {load0[0]:.2f} (> 0.5): other work shares the CPU, figures will be noisy",
              flush=True)

    results = {}  # (workload, threads) -> {"saraf": [...], "peer": [...]}
    peer_versions = []  # the peers' "# torch ..." / "# numpy ..." header lines, once each
    for w in args.workloads:
        for run in range(1, args.runs + 1):
            for t in threads:
                res = results.setdefault((w, t), {"saraf": [], "peer": []})
                out, rss, wall = checked("saraf", saraf_cmd(w, t, args))
                if w == "gemm":
                    r = parse_saraf_gemm(out)
                    print(f"saraf    gemm T={t} run {run}: {gflops_line(r)}", flush=True)
                else:
                    r = parse_saraf(out)
                    r["rss_mib"] = rss
                    print(f"saraf    {w} T={t} run {run}: {describe(r)} ({wall:.0f} s)", flush=True)
                res["saraf"].append(r)
                if args.saraf_only or w == "gemm":
                    continue
                out, rss, wall = checked("pytorch_workloads.py", torch_cmd(w, t, args))
                note_versions(out, peer_versions)
                r = parse_pytorch(out)
                r["rss_mib"] = rss
                print(f"PyTorch  {w} T={t} run {run}: {describe(r)} ({wall:.0f} s)", flush=True)
                res["peer"].append(r)
            if w == "gemm" and not args.saraf_only:
                # openblas_gemm.py times 1 and 2 threads in one process: one call per size serves every count.
                outs = [checked("openblas_gemm.py", gemm_peer_cmd(int(n)))[0] for n in args.sizes.split(",")]
                note_versions(outs[0], peer_versions)
                for t in threads:
                    r = {}
                    for out in outs:
                        r.update(parse_openblas(out, t))
                    print(f"OpenBLAS gemm T={t} run {run}: {gflops_line(r)}", flush=True)
                    results[(w, t)]["peer"].append(r)
    load1 = os.getloadavg()
    tail = f"load average at end: {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}"
    if peer_versions:
        tail += "\n" + "\n".join(f"peer: {v}" for v in peer_versions)

    md = ["\n".join(f"- {line}" for line in head + tail.splitlines())]
    for (w, t), res in results.items():
        title = f"W-{w.upper()}, {t} thread{'s' if t > 1 else ''}, medians of {args.runs} runs"
        if w == "gemm":
            header, body = table(gemm_rows(res["saraf"], res["peer"]), peer="OpenBLAS")
        else:
            header, body = table(training_rows(w, res["saraf"], res["peer"]), peer="PyTorch")
        print(f"\n{title}\n{render_text(header, body)}")
        md.append(f"### {title}\n\n{render_markdown(header, body)}")
        raw = raw_lines(w, res)
        print("raw:\n" + "\n".join("  " + line for line in raw))
        md.append("Raw runs:\n\n```\n" + "\n".join(raw) + "\n```")
    scaling = speedups(results, threads)
    if scaling:
        print("\n" + "\n".join(scaling))
        md.append("\n".join(f"- {line}" for line in scaling))
    print(f"\n{tail}")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n\n".join(md) + "\n")
        print(f"markdown written to {args.markdown}")
    return 0


def note_versions(output, seen):
    """Keeps the first "# torch ..." or "# numpy ..." line of a peer's output (its versions and BLAS)."""
    for line in output.splitlines():
        if line.startswith(("# torch ", "# numpy ")):
            if line[2:] not in seen:
                seen.append(line[2:])
            return


def gflops_line(r):
    return ", ".join(f"n={n} {g:.1f}" for n, g in sorted(r.items())) + " GFLOP/s"


def describe(r):
    e = ", ".join(f"epoch {x['epoch']} {x['epoch_s']:.3f} s acc {x['acc']:.4f}" for x in r["epochs"])
    inf = "" if r["b1000"] is None else f", b1000 {r['b1000']:,.0f} img/s, b1 {r['b1_us']:.1f} µs"
    return f"{e}{inf}, peak RSS {r['rss_mib']:.0f} MiB"


def raw_lines(w, res):
    lines = []
    for side, label in (("saraf", "saraf"), ("peer", "OpenBLAS" if w == "gemm" else "PyTorch")):
        for i, r in enumerate(res[side], 1):
            if w == "gemm":
                lines.append(f"{label} run {i}: " + " ".join(f"n={n}:{g:.1f}" for n, g in sorted(r.items())))
            else:
                lines.append(f"{label} run {i}: epoch_s={[x['epoch_s'] for x in r['epochs']]} "
                             f"acc={[x['acc'] for x in r['epochs']]} b1000={r['b1000']} b1_us={r['b1_us']} "
                             f"(p10 {r['b1_p10']}, p90 {r['b1_p90']}) rss_mib={r['rss_mib']:.1f}"
                             + (f" gflops={r['gflops']} peak_fraction={r['peak_fraction']} vmhwm_mib={r['vmhwm_mib']}"
                                if r.get("gflops") else ""))
    return lines


def speedups(results, threads):
    """1 -> T speedup of the training epoch (median epoch times) and Amdahl's parallel fraction."""
    if len(threads) < 2 or min(threads) != 1:
        return []
    lines = []
    for w in sorted({w for w, _ in results if w != "gemm"}):
        for side, label in (("saraf", "saraf"), ("peer", "PyTorch")):
            base = results.get((w, 1), {}).get(side)
            if not base:
                continue
            t1 = median([median([e["epoch_s"] for e in r["epochs"]]) for r in base])
            for t in threads:
                runs = results.get((w, t), {}).get(side)
                if t == 1 or not runs:
                    continue
                s = t1 / median([median([e["epoch_s"] for e in r["epochs"]]) for r in runs])
                lines.append(f"W-{w.upper()} training, {label}: 1 -> {t} threads speedup {s:.2f}x, "
                             f"parallel fraction p = {amdahl(s, t):.3f} (Amdahl)" + (" [target >= 1.8x]" if label == "saraf"
                                                                                     and w == "cnn" and t == 2 else ""))
    return lines


# ---------------------------------------------------------------- self-test (no torch, no saraf needed)

class SelfTest(unittest.TestCase):
    TORCH = """# torch 1.13.0 numpy 1.24.2 intra-op threads=2
RESULT pytorch mlp epoch=1 epoch_s=0.730 samples_per_s=82191.8 last_batch_loss=0.4210 test_acc=0.8312
RESULT pytorch mlp epoch=2 epoch_s=0.710 samples_per_s=84507.0 last_batch_loss=0.3110 test_acc=0.8512
RESULT pytorch mlp infer_b1000_img_per_s runs=[101000.5, 99000.0, 100000.0] median=100000.0
RESULT pytorch mlp latency_b1_us median=23.0 p10=21.5 p90=30.2
"""
    SARAF = json.dumps({"epochs": [{"epoch": 1, "epoch_s": 0.5, "samples_per_s": 120000.0, "test_accuracy": 0.83,
                                    "last_batch_loss": 0.4, "gflops": 169.2, "peak_fraction": 1.08}],
                        "inference": {"b1000_images_per_s": {"median": 130000.0, "runs": [1, 2, 3]},
                                      "b1_latency_us": {"median": 10.0, "p10": 9.0, "p90": 12.0, "calls": 1000}},
                        "peak_rss_mib": 500.0})
    GEMM = """# numpy 1.24.2 torch 1.13.0
RESULT gemm N=1024 lib=numpy threads=1 core=Zen median_gflops=64.9 runs=[64.1, 64.9, 65.0]
RESULT gemm N=1024 lib=torch.mm threads=1 core=Zen median_gflops=63.0 runs=[63.0]
RESULT gemm N=1024 lib=numpy threads=2 core=Zen median_gflops=85.9 runs=[85.0, 85.9]
"""

    def test_parses_pytorch_result_lines(self):
        r = parse_pytorch(self.TORCH)
        self.assertEqual([e["epoch_s"] for e in r["epochs"]], [0.73, 0.71])
        self.assertEqual([e["acc"] for e in r["epochs"]], [0.8312, 0.8512])
        self.assertEqual(r["b1000"], 100000.0)
        self.assertEqual(r["b1000_runs"], [101000.5, 99000.0, 100000.0])
        self.assertEqual((r["b1_us"], r["b1_p10"], r["b1_p90"]), (23.0, 21.5, 30.2))
        with self.assertRaises(ValueError):
            parse_pytorch("# nothing\n")

    def test_parses_saraf_json_into_the_same_form(self):
        r = parse_saraf(self.SARAF)
        self.assertEqual(r["epochs"][0]["acc"], 0.83)
        self.assertEqual((r["b1000"], r["b1_us"], r["b1_p90"]), (130000.0, 10.0, 12.0))
        no_infer = parse_saraf(json.dumps({"epochs": [], "peak_rss_mib": 1}))
        self.assertIsNone(no_infer["b1000"])

    def test_parses_openblas_lines_of_one_library_and_thread_count(self):
        self.assertEqual(parse_openblas(self.GEMM, 1), {1024: 64.9})
        self.assertEqual(parse_openblas(self.GEMM, 2), {1024: 85.9})
        self.assertEqual(parse_openblas(self.GEMM, 1, lib="torch.mm"), {1024: 63.0})
        self.assertEqual(parse_saraf_gemm(json.dumps({"gemm": [{"n": 256, "gflops": 50.5}]})), {256: 50.5})

    def test_table_has_medians_ratios_and_targets(self):
        s = [parse_saraf(self.SARAF) for _ in range(3)]
        p = [parse_pytorch(self.TORCH) for _ in range(3)]
        for r, rss in zip(s, (400, 500, 900)):
            r["rss_mib"] = rss
        for r in p:
            r["rss_mib"] = 450
        header, body = table(training_rows("mlp", s, p))
        rows = {row[0]: row for row in body}
        self.assertEqual(rows["epoch time (s)"][1:], ["0.5", "0.72", "0.694", "<= 0.8", "yes"])
        self.assertEqual(rows["inference b1000 (images/s)"][3:], ["1.300", ">= 1.1", "yes"])
        self.assertEqual(rows["latency b1, median (µs)"][3:], ["0.435", "<= 0.5", "yes"])
        self.assertEqual(rows["peak memory, ru_maxrss (MiB)"][1:], ["500.0", "450.0", "1.111", "<= 1.0", "NO"])
        self.assertEqual(rows["test accuracy after epoch 1"][1:4], ["0.8300", "0.8312", "-0.0012 (difference)"])
        self.assertIn("test accuracy after epoch 2", rows)
        md = render_markdown(header, body)
        self.assertTrue(md.startswith("| figure | saraf median | PyTorch median |"))
        self.assertEqual(len(md.splitlines()), len(body) + 2)
        self.assertIn("---", render_text(header, body).splitlines()[1])

    def test_notes_each_peer_version_line_once(self):
        seen = []
        note_versions(self.TORCH, seen)
        note_versions(self.TORCH, seen)
        note_versions(self.GEMM, seen)
        self.assertEqual(seen, ["torch 1.13.0 numpy 1.24.2 intra-op threads=2", "numpy 1.24.2 torch 1.13.0"])

    def test_median_ratio_and_amdahl(self):
        self.assertEqual(median([3, 1, 2, None]), 2)
        self.assertEqual(median([4, 1, 3, 2]), 2.5)
        self.assertIsNone(median([None]))
        self.assertIsNone(ratio(1, None))
        self.assertEqual(met(0.9, ("<=", 0.8)), "NO")
        self.assertEqual(met(None, ("<=", 0.8)), "")
        self.assertAlmostEqual(amdahl(1.8, 2), 2 * (1 - 1 / 1.8))
        self.assertAlmostEqual(amdahl(2.0, 2), 1.0)
        self.assertAlmostEqual(amdahl(3.0, 4), (1 - 1 / 3) / 0.75)

    def test_speedup_lines_for_one_to_two_threads(self):
        run = lambda s: {"epochs": [{"epoch_s": s}]}
        res = {("cnn", 1): {"saraf": [run(60.0), run(62.0)], "peer": []}, ("cnn", 2): {"saraf": [run(33.0), run(31.0)], "peer": []}}
        lines = speedups(res, [1, 2])
        self.assertEqual(len(lines), 1)
        self.assertIn("speedup 1.91x", lines[0])  # 61 s / 32 s
        self.assertIn("p = 0.951", lines[0])
        self.assertEqual(speedups(res, [2]), [])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
