#!/usr/bin/env bash
# Builds saraf-bench and prints saraf's GEMM GFLOP/s beside OpenBLAS's (JMH, 1 and 2 threads).
#   scripts/bench-gemm.sh                       # full JMH run: n = 256, 512, 1024, 2048; threads 1, 2
#   scripts/bench-gemm.sh --sizes 1024 --paired # in-process, saraf and OpenBLAS alternating (robust to load drift)
# OpenBLAS: Debian's pthread build (apt-get install -y libopenblas0-pthread). OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE are unset so OpenBLAS picks its own best kernels for this CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
mvn -q -B -ntp -pl saraf-bench -am package -DskipTests
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$JAVA_HOME/bin/java" \
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Xms2g -Xmx2g \
  -cp saraf-bench/target/benchmarks.jar dev.saraf.bench.GemmReport "$@"
