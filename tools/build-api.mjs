// Compiles portal-api with tsc (keeps decorator metadata, which NestJS and TypeORM need) and
// rewrites the workspace path aliases (@passerelle/*) to relative requires so `node` can run it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = process.argv[2] ?? 'apps/portal-api/tsconfig.app.json';

for (const tool of ['tsc', 'tsc-alias']) {
  const result = spawnSync(path.join(root, 'node_modules', '.bin', tool), ['-p', project], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
