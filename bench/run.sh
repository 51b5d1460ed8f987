#!/usr/bin/env bash
# Builds what the benchmark needs, makes sure PostgreSQL is installed, and runs it.
#   bench/run.sh            TPC-H SF1, all workloads
#   bench/run.sh --quick    SF 0.1, fewer repetitions (a few minutes)
#   bench/run.sh --help     every option
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -DskipTests package -pl bench -am

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    echo "PostgreSQL is not installed and cannot be installed here; P3 will run without it" >&2
  fi
fi

exec java -Xmx6g -XX:+UseParallelGC -jar bench/target/floe-bench.jar "$@"
