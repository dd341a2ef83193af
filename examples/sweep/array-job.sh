#!/bin/sh
# One shard of a `ualign verify` sweep: a task of a batch-scheduler array job, in plain shell.
#
#   SLURM:      sbatch --array=1-8 examples/sweep/array-job.sh        (n = the array's task count)
#               sbatch --dependency=afterany:JOBID examples/sweep/merge.sh
#   by hand:    SHARD_INDEX=3 SHARDS=8 sh examples/sweep/array-job.sh
#   this host:  SHARDS=4 sh examples/sweep/run-local.sh               (every shard, then the merge)
#
# Environment: SHARD_INDEX (else $SLURM_ARRAY_TASK_ID), SHARDS (else $SLURM_ARRAY_TASK_COUNT),
# RUNS (runs per claim over the whole sweep, split over the shards; default: the built-in suite),
# SEED (default 20260127), OUT (default sweep; this shard writes $OUT/shard-$SHARD_INDEX/),
# UALIGN (the command, default "npx ualign"). Run it from the ualign checkout (the corpus is read
# from fixtures/counterexamples). Exit 0 when the shard ran (its claims may have failed: the merge
# reports that); non-zero on an error.
#SBATCH --job-name=ualign-sweep
#SBATCH --cpus-per-task=2
set -eu
i=${SHARD_INDEX:-${SLURM_ARRAY_TASK_ID:?set SHARD_INDEX, or run as an array job}}
n=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?set SHARDS}}
out=${OUT:-sweep}
set -- verify --shard "$i/$n" --seed "${SEED:-20260127}" --out "$out/shard-$i"
if [ -n "${RUNS:-}" ]; then set -- "$@" --runs "$RUNS"; fi
status=0
${UALIGN:-npx ualign} "$@" || status=$?
[ "$status" -le 1 ] # 1: some claim failed, a result the merge reports; 2, 3: an error
