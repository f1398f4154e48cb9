#!/bin/sh
# Scores the port engine on the backport corpus, beside git cherry-pick and GNU patch in the
# same run. The repositories come as snapshots in OWNER+NAME/repo folders (see the corpus
# README); point RETROFIT_MIRRORS at the folder that holds them. Extra arguments go to
# `retrofit bench`, e.g. `npm run bench -- --repos ../shared/bench/quick-repos.txt --json`.
set -eu
cd "$(dirname "$0")/.."
manifest=${RETROFIT_BENCH_MANIFEST:-../shared/bench/cases.jsonl}
if [ -z "${RETROFIT_MIRRORS:-}" ]; then
  echo "bench: set RETROFIT_MIRRORS to the folder holding the OWNER+NAME/repo snapshots" >&2
  exit 2
fi
[ -f dist/cli/main.js ] || npm run build >/dev/null
exec node bin/retrofit.js bench "$manifest" --mirrors "$RETROFIT_MIRRORS" --jobs "${RETROFIT_BENCH_JOBS:-2}" "$@"
