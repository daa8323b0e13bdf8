import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { gateSqliteTransactions } from './sqlite-transaction-gate';

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SQLite transaction gate', () => {
  let dir: string;
  let db: DataSource;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-gate-'));
    db = new DataSource({ type: 'better-sqlite3', database: path.join(dir, 'test.sqlite') });
    await db.initialize();
    gateSqliteTransactions(db);
    await db.query('CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
    await db.query('INSERT INTO counter (id, value) VALUES (1, 0)');
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs concurrent read-modify-write transactions one after the other', async () => {
    const increment = () =>
      db.transaction(async (tx) => {
        const [{ value }] = await tx.query('SELECT value FROM counter WHERE id = 1');
        await pause();
        await tx.query('UPDATE counter SET value = ? WHERE id = 1', [value + 1]);
      });
    await Promise.all(Array.from({ length: 10 }, increment));
    const [{ value }] = await db.query('SELECT value FROM counter WHERE id = 1');
    expect(value).toBe(10);
  });

  it('refuses a transaction opened around the gate, instead of letting it race', async () => {
    await expectAsync(db.createQueryRunner().startTransaction()).toBeRejectedWithError(/dataSource.transaction\(\)/);
    await db.transaction(async (tx) => {
      await tx.query('UPDATE counter SET value = 5 WHERE id = 1');
    });
    expect(await db.query('SELECT value FROM counter WHERE id = 1')).toEqual([{ value: 5 }]);
  });

  it('keeps a failed transaction from undoing work done outside it', async () => {
    const failing = db.transaction(async (tx) => {
      await tx.query('UPDATE counter SET value = 100 WHERE id = 1');
      await pause();
      throw new Error('boom');
    });
    const outside = db.query('INSERT INTO counter (id, value) VALUES (2, 7)');
    await expectAsync(failing).toBeRejectedWithError('boom');
    await outside;
    expect(await db.query('SELECT id, value FROM counter ORDER BY id')).toEqual([
      { id: 1, value: 0 },
      { id: 2, value: 7 },
    ]);
  });
});
