#!/usr/bin/env bash
# Runs the differential SQL harness over the whole corpus: every vendored DuckDB sqllogictest
# script and 20,000 generated queries, through jdbc:floe and an in-process DuckDB (docs/sql.md).
#   bench/sqllogic.sh                       the whole corpus
#   bench/sqllogic.sh --record              ... then rewrite known-differences.txt from the run
#   bench/sqllogic.sh --seed S --generated N --only TEXT --ids ID,ID --timeout SECONDS
#   bench/sqllogic.sh --ids ID,ID --dump     ... and print both answers of each query run
#   bench/sqllogic.sh --probe FILE --dump    run FILE's queries (one per line) over the generated tables
# Writes bench/target/sqllogic/summary.md and results.tsv; exits non-zero on a wrong answer, a
# difference missing from known-differences.txt, or a listed difference that has gone.
set -euo pipefail
cd "$(dirname "$0")/.."

props=(-Dsqllogic.mode=full "-Dsqllogic.report=$PWD/bench/target/sqllogic")
while [ $# -gt 0 ]; do
  case "$1" in
    --record) props+=(-Dsqllogic.record=true) ;;
    --seed) props+=("-Dsqllogic.seed=$2"); shift ;;
    --generated) props+=("-Dsqllogic.generated=$2"); shift ;;
    --only) props+=("-Dsqllogic.only=$2"); shift ;;
    --ids) props+=("-Dsqllogic.ids=$2"); shift ;;
    --timeout) props+=("-Dsqllogic.timeout=$2"); shift ;;
    --dump) props+=(-Dsqllogic.dump=true) ;;
    --probe) props+=("-Dsqllogic.probe=$(realpath "$2")" -Dsqllogic.only=generated -Dsqllogic.generated=1); shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p bench/target/sqllogic
status=0
./mvnw -B -ntp -q -pl server -am package -DskipITs -Dtest='SqlLogicTest,SqlDocTest' \
  -Dsurefire.failIfNoSpecifiedTests=false "${props[@]}" || status=$?
output=server/target/surefire-reports/io.floe.server.sqllogic.SqlLogicTest-output.txt
[ -f "$output" ] && cp "$output" bench/target/sqllogic/run.log
if [ -f bench/target/sqllogic/summary.md ]; then
  sed -n '1,/^## Wrong answers/p' bench/target/sqllogic/summary.md | head -n -1
  grep -a -A3 '^## Against known-differences' bench/target/sqllogic/summary.md || true
fi
echo "summary: bench/target/sqllogic/summary.md; every non-agreeing query: bench/target/sqllogic/results.tsv"
exit $status
