#!/usr/bin/env bash
# Runs the benchmark and prints its table (also written to camel-prosa-stt-benchmark/target/benchmark.md; JFR
# recordings, GC logs and the child JVMs' logs go to camel-prosa-stt-benchmark/target/bench/).
#
# Usage: camel-prosa-stt-benchmark/run-benchmark.sh [--quick] [--profile] [ROW...]
#   ROW       throughput heap concurrency memory completion partials rollover channels (default: all, about
#             10 minutes; rollover is row 7, a 2 h WAV rolled over into 58 min parts at -Xmx64m, channels row 8,
#             splitChannels on a 10 min stereo WAV)
#   --quick   small sizes, one run a row, for development (about 50 s once built); not the table's figures
#   --profile JFR with the 'profile' settings in every JVM (default: 'default' settings in the benchmark and
#             emulator JVMs only, so the child JVMs' thread counts are the application's)
# Sizes: BENCH_OPTS="-Dbench.streams=500 -Dbench.audioSeconds=600" (every name is listed in the table's notes).
# Builds the reactor (mvn install, tests skipped) when a pom or a source changed since the last build, or when
# BENCH_BUILD=always.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
stamp=camel-prosa-stt-benchmark/target/.built
if [ "${BENCH_BUILD:-}" = always ] || [ ! -f "$stamp" ] \
   || [ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$stamp" -print -quit)" ]; then
  mvn -q -B -DskipTests install -pl camel-prosa-stt-benchmark -am
  mvn -q -B -pl camel-prosa-stt-benchmark dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch "$stamp"
fi
cd camel-prosa-stt-benchmark
# This worktree's classes first: ~/.m2 is shared, and another checkout's install may replace the jars in it mid-run.
own="$root/camel-prosa-stt/target/classes:$root/prosa-stt-client/target/classes:$root/prosa-stt-emulator/target/classes"
own="$own:$root/prosa-stt-emulator/target/test-classes"
exec java -Xmx2g -XX:+UseG1GC ${BENCH_OPTS:-} -cp "target/classes:$own:$(cat target/classpath.txt)" \
  com.camelprosa.benchmark.ProsaSttBenchmark "$@"
