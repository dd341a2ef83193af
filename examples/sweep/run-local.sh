#!/bin/sh
# A sweep on this machine: every shard of examples/sweep/array-job.sh (PARALLEL at a time, default 1),
# then examples/sweep/merge.sh.   SHARDS=4 RUNS=400 sh examples/sweep/run-local.sh
set -eu
here=$(dirname "$0")
n=${SHARDS:-4}
export SHARDS="$n"
seq 1 "$n" | xargs -P "${PARALLEL:-1}" -I '{}' env SHARD_INDEX='{}' sh "$here/array-job.sh"
exec sh "$here/merge.sh"
