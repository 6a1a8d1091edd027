#!/usr/bin/env bash
# Conditional aggregates (issue 12, workload (e) sumifs: 100,000 rows, 300 SUMIFS/COUNTIFS/AVERAGEIFS/
# MAXIFS): one fresh JVM per measurement, one thread, alternating: the engine as built, the same
# classes with -Dledgerflow.formula.scanIfs=true (every summary scans its rows: the baseline without
# the index), optionally older classes (OLD_CLASSES=dir with classes/ and test-classes/, e.g. from
# git archive + javac), and Apache POI's lazy evaluator re-evaluating the 300 summaries after each
# edit (PoiRunner; skip with POI=0 — on a loaded 2-core machine its load alone can take > 15 min).
# The figure to read on a shared machine is edit_read_cpu_ms_median (the calling thread's CPU).
# Usage (from the repository root): formula-engine/bench/sumifs.sh [out-dir] [repetitions]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-formula-engine/target/bench-sumifs}
reps=${2:-2}
mkdir -p "$out/classes"
out=$(cd "$out" && pwd)
repo=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
./mvnw -B -ntp -q -pl formula-engine test-compile dependency:build-classpath \
  -Dmdep.outputFile="$out/test.cp" -Dmdep.includeScope=test $repo
rm -rf "$out/classes/classes" "$out/classes/test-classes"
cp -r formula-engine/target/classes formula-engine/target/test-classes "$out/classes/"
source bin/jdk.sh
java="$JAVA_HOME/bin/java"
cp="$out/classes/classes:$out/classes/test-classes"
[ -f "$out/workloads/sumifs.json" ] || "$java" -cp "$cp" io.ledgerflow.formula.bench.WorkloadGenerator "$out/workloads" >/dev/null
w="$out/workloads/sumifs.json"
run() { "$java" -Xmx2g "$@"; }
for rep in $(seq 1 "$reps"); do
  run -cp "$cp" io.ledgerflow.formula.bench.WorkloadRunner "$w" --loads 1 --rounds 1 --threads 1 --jvm changelog
  if [ -n "${OLD_CLASSES:-}" ]; then
    run -cp "$OLD_CLASSES/classes:$OLD_CLASSES/test-classes" io.ledgerflow.formula.bench.WorkloadRunner "$w" \
      --loads 1 --rounds 1 --threads 1 --jvm old
  fi
  run -Dledgerflow.formula.scanIfs=true -cp "$cp" io.ledgerflow.formula.bench.WorkloadRunner "$w" \
    --loads 1 --rounds 1 --edits 10 --threads 1 --jvm scan
  if [ "${POI:-1}" != 0 ]; then
    "$java" -Xmx3g -cp "$cp:$(cat "$out/test.cp")" io.ledgerflow.formula.bench.PoiRunner "$w" --edits 10 \
      || echo '{"engine": "poi", "error": "failed"}'
  fi
  echo "repetition $rep of $reps done (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
