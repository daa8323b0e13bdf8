import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/**
 * Which database the integration suite runs on: TEST_DB=sqlite (default) or TEST_DB=postgres with
 * TEST_DATABASE_URL pointing at a throwaway server (tools/test/postgres-harness.mjs starts one).
 * A PostgreSQL run without a server fails loudly: it never passes by skipping.
 */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env['TEST_DB'] ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`TEST_DB must be sqlite or postgres (got "${kind}")`);
  if (kind === 'postgres' && !process.env['TEST_DATABASE_URL']) {
    throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (run `npm test`, which starts a throwaway PostgreSQL)');
  }
  return kind;
}

/** A fresh, empty PostgreSQL database on the test server; returns its URL and a way to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(process.env['TEST_DATABASE_URL'] as string);
  const name = `passerelle_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(base: URL, sql: string): Promise<void> {
  const client = new Client({ connectionString: base.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
