import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: triggers are outside what TypeORM generates. The audit trail is append-only. */
export class AuditAppendOnly1795432280000 implements MigrationInterface {
  name = 'AuditAppendOnly1795432280000';

  async up(db: QueryRunner): Promise<void> {
    for (const action of ['UPDATE', 'DELETE']) {
      await db.query(`CREATE TRIGGER "audit_events_no_${action.toLowerCase()}" BEFORE ${action} ON "audit_events"
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS "audit_events_no_update"`);
    await db.query(`DROP TRIGGER IF EXISTS "audit_events_no_delete"`);
  }
}
