#!/usr/bin/env bash
# Side-by-side benchmark: generates the four workloads of issue 3, then runs each on Ledgerflow's
# engine (WorkloadRunner) and on HyperFormula (bench/hyperformula/run.js), one JSON line per run.
# Usage (from the repository root): formula-engine/bench/run-all.sh [out-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-formula-engine/target/bench}
mkdir -p "$out/classes"
./mvnw -B -ntp -q -pl formula-engine test-compile
# copy the classes so a concurrent 'mvn clean' elsewhere cannot pull them away mid-run
cp -r formula-engine/target/classes formula-engine/target/test-classes "$out/classes/"
source bin/jdk.sh
java="$JAVA_HOME/bin/java"
cp="$out/classes/classes:$out/classes/test-classes"
"$java" -cp "$cp" io.ledgerflow.formula.bench.WorkloadGenerator "$out/workloads"
(cd formula-engine/bench/hyperformula && [ -d node_modules ] || npm install --no-audit --no-fund >/dev/null)
for w in chain grid prefix ledger; do
  for threads in 1 2; do
    "$java" -Xmx2g -cp "$cp" io.ledgerflow.formula.bench.WorkloadRunner "$out/workloads/$w.json" \
      --loads 5 --rounds 5 --threads "$threads"
  done
  if [ "$w" = ledger ]; then hf_opts="--loads 1 --rounds 1"; else hf_opts="--loads 3 --rounds 2"; fi
  node --max-old-space-size=4096 formula-engine/bench/hyperformula/run.js "$out/workloads/$w.json" $hf_opts \
    || echo "{\"engine\": \"hyperformula\", \"workload\": \"$w\", \"error\": \"failed\"}"
done
