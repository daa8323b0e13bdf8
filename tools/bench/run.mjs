// `npm run bench -- <name> [options]`: runs tools/bench/<name>.mjs. Benchmarks print a table and
// write JSON to tmp/bench/<name>.json; they never gate CI.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((f) => f.endsWith('.mjs') && !['run.mjs', 'report.mjs'].includes(f)).map((f) => f.replace(/\.mjs$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- <${available.join('|')}> [options]\n`);
  process.exit(2);
}
const bench = await import(path.join(here, `${name}.mjs`));
await bench.main(process.argv.slice(3));
