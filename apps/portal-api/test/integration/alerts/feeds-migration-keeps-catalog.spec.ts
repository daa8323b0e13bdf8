import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/infra/config/config';
import { createDataSource, dataSourceOptions } from '../../../src/infra/database/data-source';
import { runMigrations } from '../../../src/infra/database/migrate';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../../src/infra/database/migrations';
import { workspaceRoot } from '../../../src/infra/version';
import { createPostgresDatabase, testDatabaseKind } from '../../support/test-database';

/**
 * Adding feed_url to catalog_apps must not touch what hangs off an app. (On SQLite a table rebuild
 * inside the migration's transaction would: `PRAGMA foreign_keys = OFF` does nothing there, and
 * dropping the old table cascades into grants, groups and pins.)
 */
describe('The feeds migration on a database with apps', () => {
  it('keeps every app and what hangs off it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-feeds-migration-'));
    const postgres = testDatabaseKind() === 'postgres' ? await createPostgresDatabase() : undefined;
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url } : {}) }, { workspaceRoot: workspaceRoot() });
    const all = config.database.kind === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
    const feedsAt = all.findIndex((m) => m.name.startsWith('Feeds'));
    expect(feedsAt).toBeGreaterThan(0);
    try {
      // The schema as it was just before the feeds migration, with an app, a group, a grant and a pin.
      const before = new DataSource({ ...dataSourceOptions(config), migrations: all.slice(0, feedsAt) });
      await before.initialize();
      await runMigrations(before);
      await before.query(`INSERT INTO users (id, email, name) VALUES ('u1', 'ana@example.com', 'Ana')`);
      await before.query(`INSERT INTO groups (id, name, description) VALUES ('g1', 'Finance', '')`);
      await before.query(`INSERT INTO catalog_apps (id, name, launch_url, visibility) VALUES ('wiki', 'Wiki', 'https://wiki.example.com/', 'groups')`);
      await before.query(`INSERT INTO catalog_app_groups (app_id, group_id) VALUES ('wiki', 'g1')`);
      await before.query(`INSERT INTO app_grants (app_id, user_id) VALUES ('wiki', 'u1')`);
      await before.destroy();

      const after = createDataSource(config);
      await after.initialize();
      await runMigrations(after);
      try {
        const count = async (table: string) => Number((await after.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
        expect(await count('catalog_apps')).toBe(1);
        expect(await count('catalog_app_groups')).toBe(1);
        expect(await count('app_grants')).toBe(1);
        expect((await after.query(`SELECT feed_url FROM catalog_apps WHERE id = 'wiki'`))[0].feed_url).toBeNull();
      } finally {
        await after.destroy();
      }
    } finally {
      await postgres?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
