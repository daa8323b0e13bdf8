// Shared output of the benchmarks: a table on stdout and a JSON file under tmp/bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../run.mjs';

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function report(name, rows, extra = {}) {
  const headers = Object.keys(rows[0]);
  const cells = rows.map((row) => headers.map((h) => String(row[h])));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  process.stdout.write(`\n${line(headers)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(line).join('\n')}\n`);
  const file = path.join(root, 'tmp', 'bench', `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ name, measuredAt: new Date().toISOString(), node: process.version, rows, ...extra }, null, 2) + '\n');
  process.stdout.write(`\nWrote ${path.relative(root, file)}\n`);
}
