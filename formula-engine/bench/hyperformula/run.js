// Runs a formula-engine workload file on HyperFormula and prints one JSON line with the same
// fields as io.ledgerflow.formula.bench.WorkloadRunner: load = build + first full evaluation,
// edit = setCellContents + getCellValue(probe).
// first_edits_ms: the first 10 edits' wall times in order (with --loads 1 in a fresh process: the
// cold first edits). --edits N applies only the first N edits of the list per round.
// Usage: node run.js <workload.json> [--loads N] [--rounds N] [--edits N]
'use strict';
const fs = require('fs');
const { HyperFormula } = require('hyperformula');

const args = process.argv.slice(2);
const file = args[0];
let loads = 3;
let rounds = 5;
let maxEdits = Infinity;
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--loads') loads = parseInt(args[++i], 10);
  else if (args[i] === '--rounds') rounds = parseInt(args[++i], 10);
  else if (args[i] === '--edits') maxEdits = parseInt(args[++i], 10);
  else throw new Error('Unknown option ' + args[i]);
}
const w = JSON.parse(fs.readFileSync(file, 'utf8'));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const p90 = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length * 0.9)]; };

const loadMs = [];
const loadCpuMs = [];
let hf = null;
for (let i = 0; i < loads; i++) {
  if (hf) hf.destroy();
  hf = null;
  if (i > 0 && global.gc) global.gc(); // between loads only, as the Java runner
  const c0 = cpu();
  const t0 = process.hrtime.bigint();
  hf = HyperFormula.buildFromSheets(w.sheets, { licenseKey: 'gpl-v3', maxRows: 1048576, maxColumns: 16384 });
  loadMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  loadCpuMs.push(cpu() - c0);
}
const [ps, pr, pc] = w.probe;
const probeAddr = () => ({ sheet: hf.getSheetId(ps), row: pr, col: pc });
const initial = hf.getCellValue(probeAddr());
const editMs = [];
const editCpuMs = [];
let last = initial;
const procStart = cpu();
for (let r = 0; r < rounds; r++) {
  for (const [sheet, row, col, value] of w.edits.slice(0, maxEdits)) {
    const v = typeof value === 'number' && r % 2 === 1 ? value + 0.5 : value;
    const c0 = cpu();
    const t0 = process.hrtime.bigint();
    hf.setCellContents({ sheet: hf.getSheetId(sheet), row, col }, [[v]]);
    last = hf.getCellValue(probeAddr());
    editMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
    editCpuMs.push(cpu() - c0);
  }
}
const procTotal = cpu() - procStart;
const fmt = (x, d) => Number(x.toFixed(d));
console.log(JSON.stringify({
  engine: 'hyperformula-' + HyperFormula.version,
  workload: w.name,
  load_ms_first: fmt(loadMs[0], 1),
  load_ms_median: fmt(median(loadMs), 1),
  load_proc_cpu_ms_first: fmt(loadCpuMs[0], 1),
  load_proc_cpu_ms_median: fmt(median(loadCpuMs), 1),
  edit_read_ms_median: fmt(median(editMs), 3),
  edit_read_ms_p90: fmt(p90(editMs), 3),
  edit_read_proc_cpu_ms_median: fmt(median(editCpuMs), 3),
  edit_read_proc_cpu_ms_mean: fmt(procTotal / editMs.length, 3),
  first_edits_ms: editMs.slice(0, 10).map((x) => fmt(x, 3)),
  edits: editMs.length,
  probe_initial: String(initial),
  probe_final: String(last),
}));
