#!/usr/bin/env bash
# Cold figures beside HyperFormula, in one run: every measurement is a fresh process (Ledgerflow: a
# plain JVM, 2 threads; HyperFormula: node) that loads the workload once and applies its first 10
# edits, each followed by reading the probe cell. The two engines alternate (which goes first
# alternates too) so that a shared machine's load falls on both alike; cold-summary.js prints the
# medians over the repetitions and the ratios (HyperFormula ÷ Ledgerflow).
# Usage (from the repository root): formula-engine/bench/cold.sh [out-dir] [repetitions] [workload...]
# (workloads: chain grid prefix ledger sumifs crosschain random; default: all but ledger)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-formula-engine/target/bench-cold}
reps=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(chain grid prefix crosschain random sumifs)
mkdir -p "$out/classes"
./mvnw -B -ntp -q -pl formula-engine test-compile ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
rm -rf "$out/classes/classes" "$out/classes/test-classes"
cp -r formula-engine/target/classes formula-engine/target/test-classes "$out/classes/"
source bin/jdk.sh
java="$JAVA_HOME/bin/java"
cp="$out/classes/classes:$out/classes/test-classes"
[ -f "$out/workloads/random.json" ] || "$java" -cp "$cp" io.ledgerflow.formula.bench.WorkloadGenerator "$out/workloads" >/dev/null
(cd formula-engine/bench/hyperformula && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null)
results="$out/cold.jsonl"
: > "$results"
lf() { "$java" -Xmx2g -cp "$cp" io.ledgerflow.formula.bench.WorkloadRunner "$1" --loads 1 --rounds 1 --edits 10 --threads 2; }
hf() {
  node --max-old-space-size=4096 formula-engine/bench/hyperformula/run.js "$1" --loads 1 --rounds 1 --edits 10 \
    || echo "{\"engine\": \"hyperformula\", \"workload\": \"$(basename "$1" .json)\", \"error\": \"failed\"}"
}
for rep in $(seq 1 "$reps"); do
  for w in "${workloads[@]}"; do
    f="$out/workloads/$w.json"
    if [ $((rep % 2)) -eq 1 ]; then lf "$f" >> "$results"; hf "$f" >> "$results"
    else hf "$f" >> "$results"; lf "$f" >> "$results"; fi
  done
  echo "repetition $rep of $reps done (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
node formula-engine/bench/cold-summary.js "$results"
