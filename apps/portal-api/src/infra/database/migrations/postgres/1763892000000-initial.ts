import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763892000000 implements MigrationInterface {
  name = 'Initial1763892000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "users" (
      "id" varchar(36) PRIMARY KEY,
      "email" varchar(254) NOT NULL UNIQUE,
      "name" varchar(120) NOT NULL,
      "password_hash" varchar(255),
      "is_admin" boolean NOT NULL DEFAULT false,
      "status" varchar(16) NOT NULL DEFAULT 'active',
      "locale" varchar(5),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "disabled_at" timestamptz
    )`);
    await db.query(`CREATE TABLE "groups" (
      "id" varchar(36) PRIMARY KEY,
      "name" varchar(80) NOT NULL UNIQUE,
      "description" varchar(300) NOT NULL DEFAULT '',
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE "user_groups" (
      "user_id" varchar(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
      "group_id" varchar(36) NOT NULL REFERENCES "groups" ("id") ON DELETE CASCADE,
      PRIMARY KEY ("user_id", "group_id")
    )`);
    await db.query(`CREATE INDEX "idx_user_groups_group" ON "user_groups" ("group_id")`);
    await db.query(`CREATE TABLE "instance_settings" (
      "key" varchar(100) PRIMARY KEY,
      "value" text NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE "setup_tokens" (
      "id" varchar(36) PRIMARY KEY,
      "token_hash" varchar(64) NOT NULL UNIQUE,
      "purpose" varchar(32) NOT NULL,
      "user_id" varchar(36) REFERENCES "users" ("id") ON DELETE CASCADE,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE "audit_events" (
      "id" varchar(36) PRIMARY KEY,
      "occurred_at" timestamptz NOT NULL,
      "type" varchar(64) NOT NULL,
      "outcome" varchar(16) NOT NULL,
      "actor" varchar(64),
      "subject" varchar(64),
      "ip" varchar(64),
      "request_id" varchar(64),
      "details" text NOT NULL DEFAULT '{}'
    )`);
    await db.query(`CREATE INDEX "idx_audit_events_occurred" ON "audit_events" ("occurred_at")`);
    await db.query(`CREATE INDEX "idx_audit_events_type" ON "audit_events" ("type", "occurred_at")`);
    // The audit trail is append-only, also for anyone with SQL access through the app's role.
    await db.query(`CREATE FUNCTION passerelle_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await db.query(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION passerelle_audit_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS audit_events_append_only ON "audit_events"`);
    await db.query(`DROP FUNCTION IF EXISTS passerelle_audit_append_only()`);
    for (const table of ['audit_events', 'setup_tokens', 'instance_settings', 'user_groups', 'groups', 'users']) {
      await db.query(`DROP TABLE "${table}"`);
    }
  }
}
