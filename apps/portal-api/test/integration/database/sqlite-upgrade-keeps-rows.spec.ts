import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/infra/config/config';
import { createDataSource, dataSourceOptions } from '../../../src/infra/database/data-source';
import { runMigrations } from '../../../src/infra/database/migrate';
import { SQLITE_MIGRATIONS } from '../../../src/infra/database/migrations';
import { workspaceRoot } from '../../../src/infra/version';

/**
 * Upgrading an embedded (SQLite) installation keeps every row. Some migrations rebuild a table
 * (create, copy, drop, rename); with foreign keys on, dropping the old `users` would cascade into
 * group memberships, grants and pins. Each case stops before one such migration, writes rows, and
 * upgrades to the latest schema.
 */
describe('Upgrading an SQLite installation', () => {
  for (const upgradeFrom of ['Identity', 'Catalog', 'Guests']) {
    it(`from before the ${upgradeFrom} migration keeps people, groups, memberships and (when there) apps and grants`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-upgrade-'));
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir }, { workspaceRoot: workspaceRoot() });
      const at = SQLITE_MIGRATIONS.findIndex((m) => m.name.startsWith(upgradeFrom));
      expect(at).toBeGreaterThan(0);
      try {
        const before = new DataSource({ ...dataSourceOptions(config), migrations: SQLITE_MIGRATIONS.slice(0, at) });
        await before.initialize();
        await runMigrations(before);
        const tables = new Set(((await before.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)) as Array<{ name: string }>).map((t) => t.name));
        await before.query(`INSERT INTO users (id, email, name) VALUES ('u1', 'ana@example.com', 'Ana')`);
        await before.query(`INSERT INTO groups (id, name, description) VALUES ('g1', 'Finance', '')`);
        await before.query(`INSERT INTO user_groups (user_id, group_id) VALUES ('u1', 'g1')`);
        const withCatalog = tables.has('catalog_apps') && tables.has('app_grants');
        if (withCatalog) {
          await before.query(`INSERT INTO catalog_apps (id, name, launch_url, visibility) VALUES ('wiki', 'Wiki', 'https://wiki.example.com/', 'groups')`);
          await before.query(`INSERT INTO catalog_app_groups (app_id, group_id) VALUES ('wiki', 'g1')`);
          await before.query(`INSERT INTO app_grants (app_id, user_id) VALUES ('wiki', 'u1')`);
        }
        await before.destroy();

        const after = createDataSource(config);
        await after.initialize();
        try {
          await runMigrations(after);
          const count = async (table: string) => Number((await after.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
          expect(await count('users')).toBe(1);
          expect(await count('user_groups')).withContext('group memberships').toBe(1);
          if (withCatalog) {
            expect(await count('catalog_app_groups')).withContext("apps' groups").toBe(1);
            expect(await count('app_grants')).withContext('grants').toBe(1);
          }
          expect(Number((await after.query('PRAGMA foreign_keys'))[0].foreign_keys)).withContext('foreign keys back on').toBe(1);
        } finally {
          await after.destroy();
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
