#!/usr/bin/env bash
# Copies the vendored DuckDB sqllogictest scripts again from a DuckDB git directory (a clone or a
# bare mirror) at a commit, keeping the current selection (server/src/test/resources/sqllogictest/
# duckdb/README.md says how it was chosen).
#   bench/sqllogic-vendor.sh <duckdb git dir> <commit>
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { sed -n '2,6p' "$0"; exit 2; }
git_dir=$1
commit=$2
dir=server/src/test/resources/sqllogictest/duckdb
(cd "$dir" && find test -type f \( -name '*.test' -o -name '*.test_slow' \) | sort) | while read -r path; do
  if git -C "$git_dir" cat-file -e "$commit:$path" 2>/dev/null; then
    git -C "$git_dir" show "$commit:$path" > "$dir/$path"
  else
    echo "gone at $commit: $path" >&2
    rm "$dir/$path"
  fi
done
git -C "$git_dir" show "$commit:LICENSE" > "$dir/LICENSE"
echo "copied from $commit; now update the commit in $dir/README.md and run bench/sqllogic.sh --record"
