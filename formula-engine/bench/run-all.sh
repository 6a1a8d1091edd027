#!/usr/bin/env bash
# Side-by-side benchmark: generates the four workloads of issue 3, then runs each on Ledgerflow's
# engine (WorkloadRunner) and on HyperFormula (bench/hyperformula/run.js), one JSON line per run.
# Ledgerflow runs at 1 and 2 threads in a plain JVM ("jvm": "plain"), then at 2 threads set up as
# a deployed service would be: a JVM ahead-of-time cache recorded at build time from TrainingRun
# (smaller workloads, not the measured ones; on JDK 25+ an AOT cache, which also holds method
# profiles, before that an AppCDS archive of the classes) and a fixed-size heap (-Xms = -Xmx, so
# the runner's System.gc() between loads does not shrink the heap that the next load must regrow).
# Usage (from the repository root): formula-engine/bench/run-all.sh [out-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-formula-engine/target/bench}
mkdir -p "$out/classes"
./mvnw -B -ntp -q -pl formula-engine test-compile
# copy the classes so a concurrent 'mvn clean' elsewhere cannot pull them away mid-run
rm -rf "$out/classes/classes" "$out/classes/test-classes"
cp -r formula-engine/target/classes formula-engine/target/test-classes "$out/classes/"
source bin/jdk.sh
java="$JAVA_HOME/bin/java"
cp="$out/classes/classes:$out/classes/test-classes"
"$java" -cp "$cp" io.ledgerflow.formula.bench.WorkloadGenerator "$out/workloads"
# the JVM caches need a jar class path (directories are not archived)
jar="$(cd "$out" && pwd)/formula-engine-bench.jar"
rm -f "$jar"
"$JAVA_HOME/bin/jar" cf "$jar" -C "$out/classes/classes" . -C "$out/classes/test-classes" io/ledgerflow/formula/bench
major=$(ledgerflow_java_major "$java")
if [ "${major%%.*}" -ge 25 ]; then
  cache_label=aot-cache+fixed-heap
  cache="$out/formula-engine.aot"
  rm -f "$cache"
  "$java" -XX:AOTCacheOutput="$cache" -Xmx2g -cp "$jar" io.ledgerflow.formula.bench.TrainingRun >/dev/null 2>&1
  use_cache=(-XX:AOTCache="$cache")
else
  cache_label=appcds+fixed-heap
  cache="$out/formula-engine.jsa"
  rm -f "$cache"
  "$java" -XX:ArchiveClassesAtExit="$cache" -Xmx2g -cp "$jar" io.ledgerflow.formula.bench.TrainingRun >/dev/null 2>&1
  use_cache=(-XX:SharedArchiveFile="$cache")
fi
(cd formula-engine/bench/hyperformula && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null)
for w in chain grid prefix ledger sumifs; do
  for threads in 1 2; do
    "$java" -Xmx2g -cp "$cp" io.ledgerflow.formula.bench.WorkloadRunner "$out/workloads/$w.json" \
      --loads 5 --rounds 5 --threads "$threads"
  done
  "$java" "${use_cache[@]}" -Xms2g -Xmx2g -cp "$jar" io.ledgerflow.formula.bench.WorkloadRunner "$out/workloads/$w.json" \
    --loads 5 --rounds 5 --threads 2 --jvm "$cache_label"
  if [ "$w" = ledger ] || [ "$w" = sumifs ]; then hf_opts="--loads 1 --rounds 1"; else hf_opts="--loads 3 --rounds 2"; fi
  node --max-old-space-size=4096 formula-engine/bench/hyperformula/run.js "$out/workloads/$w.json" $hf_opts \
    || echo "{\"engine\": \"hyperformula\", \"workload\": \"$w\", \"error\": \"failed\"}"
done
