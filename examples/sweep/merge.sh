#!/bin/sh
# After every shard of examples/sweep/array-job.sh: one report from the shards' verify.json.
# Environment: OUT (default sweep; writes $OUT/merged/), UALIGN (default "npx ualign").
# The order of the files does not matter; a shard given twice or from another sweep is refused.
set -eu
out=${OUT:-sweep}
exec ${UALIGN:-npx ualign} merge-reports "$out"/shard-*/verify.json --out "$out/merged"
