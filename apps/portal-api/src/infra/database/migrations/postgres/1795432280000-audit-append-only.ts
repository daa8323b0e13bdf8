import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: triggers are outside what TypeORM generates. The audit trail is append-only. */
export class AuditAppendOnly1795432280000 implements MigrationInterface {
  name = 'AuditAppendOnly1795432280000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE FUNCTION passerelle_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await db.query(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION passerelle_audit_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS audit_events_append_only ON "audit_events"`);
    await db.query(`DROP FUNCTION IF EXISTS passerelle_audit_append_only()`);
  }
}
