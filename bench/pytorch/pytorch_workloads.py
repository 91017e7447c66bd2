#!/usr/bin/python3
# Copy of the project's reference script shared/bench/pytorch_workloads.py (unchanged below this line), kept in the
# repository so anyone can reproduce scripts/bench-vs-pytorch.py; see docs/benchmarks.md.
"""Saraf baseline benchmark: W-MLP / W-CNN on Fashion-MNIST with PyTorch (CPU, float32).

Usage: /usr/bin/python3 bench.py mlp|cnn [--epochs N] [--threads 2] [--seed 42] [--data DIR]

Protocol (identical to bench/dl4j):
  - pixels x/255, float32, batch 128, Adam(lr=1e-3, betas=(.9,.999), eps=1e-8), reshuffled every epoch
    (torch.randperm + index gather from tensors already in memory; no DataLoader), last partial batch kept
  - 20 warm-up batches on the same model, then model + optimizer state restored, so "accuracy after
    epoch 1" is after exactly one epoch
  - epoch wall time includes the shuffle and per-batch gather, excludes data loading and evaluation
  - inference: 10,000 test images at batch 1000 (images/s, 3 timed passes after 1 warm pass) and
    batch-1 latency (median of 1000 calls after 200 warm calls), model.eval() + torch.inference_mode()
"""
import argparse, copy, gzip, os, statistics, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("workload", choices=["mlp", "cnn"])
p.add_argument("--epochs", type=int, default=1)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--seed", type=int, default=42)
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
p.add_argument("--warmup", type=int, default=20)
p.add_argument("--no-infer", action="store_true")
args = p.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
try:
    from threadpoolctl import threadpool_info
    blas = [i for i in threadpool_info() if i.get("internal_api") == "openblas"]
    blasdesc = f"openblas {blas[0]['version']} core={blas[0]['architecture']} threads={blas[0]['num_threads']}" if blas else "?"
except Exception:
    blasdesc = "?"
print(f"# torch {torch.__version__} numpy {np.__version__} intra-op threads={torch.get_num_threads()} "
      f"mkldnn={torch.backends.mkldnn.is_available()} blas: {blasdesc} "
      f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE','<unset>')} OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS','<unset>')}",
      flush=True)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    nd = magic & 0xFF
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(nd)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


t0 = time.perf_counter()
d = args.data
Xtr = torch.from_numpy(read_idx(f"{d}/train-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
Ytr = torch.from_numpy(read_idx(f"{d}/train-labels-idx1-ubyte.gz").astype(np.int64))
Xte = torch.from_numpy(read_idx(f"{d}/t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
Yte = torch.from_numpy(read_idx(f"{d}/t10k-labels-idx1-ubyte.gz").astype(np.int64))
if args.workload == "mlp":
    Xtr, Xte = Xtr.reshape(-1, 784).contiguous(), Xte.reshape(-1, 784).contiguous()
N = Xtr.shape[0]
print(f"# data: train {tuple(Xtr.shape)} test {tuple(Xte.shape)} load {time.perf_counter()-t0:.2f}s", flush=True)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, 256), nn.Linear(256, 128), nn.Linear(128, 10)

    def forward(self, x):
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Net(nn.Module):  # pytorch/examples mnist/main.py (returns logits; cross_entropy == log_softmax + nll_loss)
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return self.fc2(x)


model = MLP() if args.workload == "mlp" else Net()
opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
print(f"# params: {sum(p.numel() for p in model.parameters())}", flush=True)
B = 128


def step(xb, yb):
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(xb), yb)
    loss.backward()
    opt.step()
    return loss


def evaluate():
    model.eval()
    correct = 0
    with torch.inference_mode():
        for s in range(0, Xte.shape[0], 1000):
            correct += (model(Xte[s:s + 1000]).argmax(1) == Yte[s:s + 1000]).sum().item()
    model.train()
    return correct / Xte.shape[0]


# ---- warm-up (not counted), then restore initial state ----
m0, o0 = copy.deepcopy(model.state_dict()), copy.deepcopy(opt.state_dict())
model.train()
tw = time.perf_counter()
perm = torch.randperm(N)
for b in range(args.warmup):
    idx = perm[b * B:(b + 1) * B]
    step(Xtr[idx], Ytr[idx])
print(f"# warm-up {args.warmup} batches: {time.perf_counter()-tw:.3f}s", flush=True)
model.load_state_dict(m0)
opt.load_state_dict(o0)

for ep in range(1, args.epochs + 1):
    model.train()
    t0 = time.perf_counter()
    perm = torch.randperm(N)
    for s in range(0, N, B):
        idx = perm[s:s + B]
        loss = step(Xtr[idx], Ytr[idx])
    dt = time.perf_counter() - t0
    acc = evaluate()
    print(f"RESULT pytorch {args.workload} epoch={ep} epoch_s={dt:.3f} samples_per_s={N/dt:.1f} "
          f"last_batch_loss={loss.item():.4f} test_acc={acc:.4f}", flush=True)

if not args.no_infer:
    model.eval()
    with torch.inference_mode():
        chunks = [Xte[s:s + 1000].contiguous() for s in range(0, Xte.shape[0], 1000)]
        for c in chunks:
            model(c)
        ips = []
        for _ in range(3):
            t0 = time.perf_counter()
            for c in chunks:
                model(c)
            ips.append(Xte.shape[0] / (time.perf_counter() - t0))
        print(f"RESULT pytorch {args.workload} infer_b1000_img_per_s runs={[round(x,1) for x in ips]} "
              f"median={statistics.median(ips):.1f}", flush=True)
        singles = [Xte[i:i + 1].contiguous() for i in range(1000)]
        for i in range(200):
            model(singles[i])
        us = []
        for x in singles:
            t0 = time.perf_counter_ns()
            model(x)
            us.append((time.perf_counter_ns() - t0) / 1e3)
        s = sorted(us)
        print(f"RESULT pytorch {args.workload} latency_b1_us median={statistics.median(us):.1f} "
              f"p10={s[100]:.1f} p90={s[900]:.1f}", flush=True)
