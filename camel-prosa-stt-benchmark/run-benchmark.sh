#!/usr/bin/env bash
# Runs the benchmark and prints its table (also written to camel-prosa-stt-benchmark/target/benchmark.md).
# Usage: camel-prosa-stt-benchmark/run-benchmark.sh [throughput] [heap] [concurrency] [completion] [partials]
# Smaller runs: BENCH_OPTS="-Dbench.audioSeconds=600 -Dbench.streams=200" camel-prosa-stt-benchmark/run-benchmark.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests install -pl camel-prosa-stt-benchmark -am
mvn -q -B -pl camel-prosa-stt-benchmark dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cd camel-prosa-stt-benchmark
exec java -Xmx2g ${BENCH_OPTS:-} -cp "target/classes:$(cat target/classpath.txt)" \
  com.camelprosa.benchmark.ProsaSttBenchmark "$@"
