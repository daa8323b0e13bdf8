import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763892000000 implements MigrationInterface {
  name = 'Initial1763892000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "users" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "email" varchar(254) NOT NULL UNIQUE,
      "name" varchar(120) NOT NULL,
      "password_hash" varchar(255),
      "is_admin" boolean NOT NULL DEFAULT (0),
      "status" varchar(16) NOT NULL DEFAULT ('active'),
      "locale" varchar(5),
      "created_at" datetime NOT NULL DEFAULT (datetime('now')),
      "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
      "disabled_at" datetime
    )`);
    await db.query(`CREATE TABLE "groups" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "name" varchar(80) NOT NULL UNIQUE,
      "description" varchar(300) NOT NULL DEFAULT (''),
      "created_at" datetime NOT NULL DEFAULT (datetime('now'))
    )`);
    await db.query(`CREATE TABLE "user_groups" (
      "user_id" varchar(36) NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
      "group_id" varchar(36) NOT NULL REFERENCES "groups" ("id") ON DELETE CASCADE,
      PRIMARY KEY ("user_id", "group_id")
    )`);
    await db.query(`CREATE INDEX "idx_user_groups_group" ON "user_groups" ("group_id")`);
    await db.query(`CREATE TABLE "instance_settings" (
      "key" varchar(100) PRIMARY KEY NOT NULL,
      "value" text NOT NULL,
      "updated_at" datetime NOT NULL DEFAULT (datetime('now'))
    )`);
    await db.query(`CREATE TABLE "setup_tokens" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "token_hash" varchar(64) NOT NULL UNIQUE,
      "purpose" varchar(32) NOT NULL,
      "user_id" varchar(36) REFERENCES "users" ("id") ON DELETE CASCADE,
      "expires_at" datetime NOT NULL,
      "used_at" datetime,
      "created_at" datetime NOT NULL DEFAULT (datetime('now'))
    )`);
    await db.query(`CREATE TABLE "audit_events" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "occurred_at" datetime NOT NULL,
      "type" varchar(64) NOT NULL,
      "outcome" varchar(16) NOT NULL,
      "actor" varchar(64),
      "subject" varchar(64),
      "ip" varchar(64),
      "request_id" varchar(64),
      "details" text NOT NULL DEFAULT ('{}')
    )`);
    await db.query(`CREATE INDEX "idx_audit_events_occurred" ON "audit_events" ("occurred_at")`);
    await db.query(`CREATE INDEX "idx_audit_events_type" ON "audit_events" ("type", "occurred_at")`);
    // The audit trail is append-only.
    for (const action of ['UPDATE', 'DELETE']) {
      await db.query(`CREATE TRIGGER "audit_events_no_${action.toLowerCase()}" BEFORE ${action} ON "audit_events"
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'setup_tokens', 'instance_settings', 'user_groups', 'groups', 'users']) {
      await db.query(`DROP TABLE "${table}"`);
    }
  }
}
