#!/usr/bin/python3
# Copy of the project's reference script shared/bench/openblas_gemm.py (unchanged below this line), kept in the
# repository so anyone can reproduce scripts/bench-vs-pytorch.py; see docs/benchmarks.md.
"""Peak float32 GEMM throughput (physical-limit proxy) for numpy (OpenBLAS) and torch.mm.

Run with the Debian interpreter: /usr/bin/python3 gemm.py [N] [REPS]
Threads: 1 and 2.  OpenBLAS (pthreads build) threads are set with threadpoolctl; torch intra-op
threads with torch.set_num_threads.  On this Debian build torch.mm (float32) calls the system
libblas.so.3, i.e. the same OpenBLAS as numpy, so both are limited through threadpoolctl.
Extra: oneDNN (MKL-DNN) sgemm through torch's mkldnn_linear, which does NOT go through OpenBLAS.
"""
import os, sys, time, statistics
import numpy as np
import torch
from threadpoolctl import threadpool_info, threadpool_limits

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
FLOP = 2.0 * N * N * N

blas = [i for i in threadpool_info() if i.get("internal_api") == "openblas"]
core = blas[0].get("architecture") if blas else "?"
print(f"# numpy {np.__version__} torch {torch.__version__} OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE','<unset>')} "
      f"openblas={blas[0].get('version') if blas else None} detected_core={core} file={blas[0].get('filepath') if blas else None}")

rng = np.random.default_rng(0)
a = rng.random((N, N), dtype=np.float32)
b = rng.random((N, N), dtype=np.float32)
ta, tb = torch.from_numpy(a), torch.from_numpy(b)
c = np.empty((N, N), dtype=np.float32)
tc = torch.empty(N, N)

def bench(fn):
    fn(); fn()  # warm-up
    ts = []
    for _ in range(REPS):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    g = [FLOP / x / 1e9 for x in ts]
    return statistics.median(g), g

# correctness sanity check once
ref = a[:64].astype(np.float64) @ b.astype(np.float64)
assert np.allclose((a @ b)[:64], ref, rtol=1e-3, atol=1e-2)

for nt in (1, 2):
    torch.set_num_threads(nt)
    with threadpool_limits(limits=nt, user_api="blas"):
        for lib, fn in (("numpy", lambda: np.matmul(a, b, out=c)),
                        ("torch.mm", lambda: torch.mm(ta, tb, out=tc))):
            med, g = bench(fn)
            print(f"RESULT gemm N={N} lib={lib} threads={nt} core={core} median_gflops={med:.1f} runs={[round(x,1) for x in g]}")
        # oneDNN path (independent of OpenBLAS): y = x W^T
        try:
            xm = ta.to_mkldnn(); wm = tb.t().contiguous().to_mkldnn()
            fn = lambda: torch._C._nn.mkldnn_linear(xm, wm, None)
            med, g = bench(fn)
            print(f"RESULT gemm N={N} lib=onednn(mkldnn_linear) threads={nt} core=n/a median_gflops={med:.1f} runs={[round(x,1) for x in g]}")
        except Exception as e:  # pragma: no cover
            print("# onednn path unavailable:", e)
