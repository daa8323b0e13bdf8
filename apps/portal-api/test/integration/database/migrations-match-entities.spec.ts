import { usePortal } from '../../support/test-portal';

/**
 * Migrations are generated per dialect and reviewed (some are written by hand); this proves they build exactly the schema the
 * entities describe (TypeORM's schema builder finds nothing to change), and that they can be undone.
 */
describe('Committed migrations', () => {
  const portal = usePortal();

  it('leave nothing for TypeORM to synchronise', async () => {
    const pending = await portal.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are recorded once each', async () => {
    const rows: Array<{ name: string }> = await portal.dataSource.query('SELECT name FROM migrations');
    expect(rows.map((r) => r.name)).toEqual(portal.dataSource.migrations.map((m) => m.name as string));
  });

  it('keep the audit trail append-only', async () => {
    await portal.dataSource.query(
      `INSERT INTO audit_events (id, occurred_at, type, outcome, details) VALUES ('a1', CURRENT_TIMESTAMP, 'test.event', 'success', '{}')`,
    );
    await expectAsync(portal.dataSource.query(`UPDATE audit_events SET type = 'changed' WHERE id = 'a1'`)).toBeRejectedWithError(/append-only/);
    await expectAsync(portal.dataSource.query(`DELETE FROM audit_events WHERE id = 'a1'`)).toBeRejectedWithError(/append-only/);
  });

  it('can all be reverted and applied again', async () => {
    for (const _ of portal.dataSource.migrations) await portal.dataSource.undoLastMigration({ transaction: 'none' });
    const tables: Array<{ n: number | string }> = await portal.dataSource.query(
      portal.dataSource.options.type === 'postgres'
        ? `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'users'`
        : `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'users'`,
    );
    expect(Number(tables[0].n)).toBe(0);
    await portal.dataSource.runMigrations({ transaction: 'none' });
    const again = await portal.dataSource.driver.createSchemaBuilder().log();
    expect(again.upQueries.length).toBe(0);
  });
});
