// `npm run db:migration -- <Name>`: writes a migration for EACH dialect from the difference between
// the entities and the schema the existing migrations build (what `typeorm migration:generate`
// does, on a throwaway SQLite file and a throwaway PostgreSQL cluster). Review, then add both
// classes to apps/portal-api/src/infra/database/migrations/index.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build, root } from '../run.mjs';
import { ensurePrereqs } from '../test/ensure-prereqs.mjs';
import { startTestPostgres } from '../test/postgres-harness.mjs';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  process.stderr.write('Usage: npm run db:migration -- <PascalCaseName>   e.g. AddGuestInvitations\n');
  process.exit(2);
}

build(['portal-api']);
const require = createRequire(import.meta.url);
const dist = path.join(root, 'dist/apps/portal-api/apps/portal-api/src');
const { loadConfig } = require(path.join(dist, 'infra/config/config.js'));
const { openDatabase } = require(path.join(dist, 'infra/database/open-database.js'));

const timestamp = Date.now();
const className = `${name}${timestamp}`;
const fileName = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;

async function diff(env) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-migration-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env }, { workspaceRoot: root });
  const { dataSource } = await openDatabase(config);
  try {
    return await dataSource.driver.createSchemaBuilder().log();
  } finally {
    await dataSource.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function source(sql) {
  const line = (q) => `    await db.query(\`${q.query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\`${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(db: QueryRunner): Promise<void> {
${sql.upQueries.map(line).join('\n')}
  }

  async down(db: QueryRunner): Promise<void> {
${[...sql.downQueries].reverse().map(line).join('\n')}
  }
}
`;
}

ensurePrereqs({ log: (line) => process.stderr.write(`${line}\n`) });
const postgres = await startTestPostgres();
try {
  const results = { sqlite: await diff({}), postgres: await diff({ DATABASE_URL: postgres.url }) };
  if (results.sqlite.upQueries.length === 0 && results.postgres.upQueries.length === 0) {
    process.stdout.write('The entities match the migrations: nothing to generate.\n');
  } else {
    for (const [dialect, sql] of Object.entries(results)) {
      const file = path.join(root, 'apps/portal-api/src/infra/database/migrations', dialect, fileName);
      fs.writeFileSync(file, source(sql));
      process.stdout.write(`Wrote ${path.relative(root, file)} (${sql.upQueries.length} statements)\n`);
    }
    process.stdout.write(`Now add ${className} to both lists in apps/portal-api/src/infra/database/migrations/index.ts.\n`);
  }
} finally {
  await postgres.stop();
}
