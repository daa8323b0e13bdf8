// Compiles portal-api with tsc (keeps decorator metadata, which NestJS and TypeORM need) and
// rewrites the workspace path aliases (@passerelle/*) to relative requires so `node` can run it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = process.argv[2] ?? 'apps/portal-api/tsconfig.app.json';
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

execFileSync(bin('tsc'), ['-p', project], { cwd: root, stdio: 'inherit' });
execFileSync(bin('tsc-alias'), ['-p', project], { cwd: root, stdio: 'inherit' });
