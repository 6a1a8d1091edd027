// Summarises cold.sh's JSON lines: per workload and engine the medians over the fresh processes of
// the load, the first edit-then-read and the median of edits 2-10, and HyperFormula ÷ Ledgerflow.
// Usage: node cold-summary.js <cold.jsonl>
'use strict';
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim());
const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const runs = {};
for (const l of lines) {
  const r = JSON.parse(l);
  if (r.error) { console.error('failed run: ' + l); continue; }
  const engine = r.engine.startsWith('ledgerflow') ? 'LF' : 'HF';
  const key = r.workload;
  runs[key] = runs[key] || { LF: [], HF: [] };
  runs[key][engine].push(r);
}
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const stat = (rs) => ({
  n: rs.length,
  load: median(rs.map((r) => r.load_ms_first)),
  first: median(rs.map((r) => r.first_edits_ms[0])),
  rest: median(rs.map((r) => median(r.first_edits_ms.slice(1)))),
  ten: median(rs.map((r) => r.first_edits_ms.reduce((a, b) => a + b, 0))),
});
console.log('| workload | runs LF/HF | cold load LF | cold load HF | HF ÷ LF | 1st edit+read LF | HF | HF ÷ LF | edits 2-10 (median) LF | HF | HF ÷ LF | first 10 edits, total LF | HF | HF ÷ LF |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [w, e] of Object.entries(runs)) {
  if (!e.LF.length || !e.HF.length) continue;
  const a = stat(e.LF);
  const b = stat(e.HF);
  const ratio = (x, y) => (y / x).toFixed(1) + '×';
  console.log(`| ${w} | ${a.n}/${b.n} | ${f(a.load)} ms | ${f(b.load)} ms | ${ratio(a.load, b.load)} | ${f(a.first)} ms | ${f(b.first)} ms | ${ratio(a.first, b.first)} | ${f(a.rest)} ms | ${f(b.rest)} ms | ${ratio(a.rest, b.rest)} | ${f(a.ten)} ms | ${f(b.ten)} ms | ${ratio(a.ten, b.ten)} |`);
}
