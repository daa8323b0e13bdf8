import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Guests1795459288466 implements MigrationInterface {
  name = 'Guests1795459288466';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "guests" ("user_id" varchar(36) PRIMARY KEY NOT NULL, "sponsor_id" varchar(36), "company" varchar(120) NOT NULL DEFAULT (''), "note" varchar(1000) NOT NULL DEFAULT (''), "invited_by" varchar(64) NOT NULL, "accepted_at" datetime, "revoked_at" datetime, "ended_at" datetime, "erase_after" datetime, "erased_at" datetime, "reminders_sent" varchar(32) NOT NULL DEFAULT (''), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`CREATE INDEX "IDX_a8900f6c24005b0bb4d0986ef5" ON "guests" ("sponsor_id") `);
    await db.query(`CREATE INDEX "IDX_94475d82392bfdabe1cc0f7a32" ON "guests" ("ended_at") `);
    await db.query(`CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "password_hash" varchar(255), "is_admin" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('active'), "locale" varchar(5), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "disabled_at" datetime, "password_changed_at" datetime, "last_sign_in_at" datetime, "kind" varchar(16) NOT NULL DEFAULT ('employee'), "access_starts_at" datetime, "access_ends_at" datetime, "permissions" text NOT NULL DEFAULT (''), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))`);
    await db.query(`INSERT INTO "temporary_users"("id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at", "password_changed_at", "last_sign_in_at") SELECT "id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at", "password_changed_at", "last_sign_in_at" FROM "users"`);
    await db.query(`DROP TABLE "users"`);
    await db.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await db.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "password_hash" varchar(255), "is_admin" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('active'), "locale" varchar(5), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "disabled_at" datetime, "password_changed_at" datetime, "last_sign_in_at" datetime, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))`);
    await db.query(`INSERT INTO "users"("id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at", "password_changed_at", "last_sign_in_at") SELECT "id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at", "password_changed_at", "last_sign_in_at" FROM "temporary_users"`);
    await db.query(`DROP TABLE "temporary_users"`);
    await db.query(`DROP INDEX "IDX_94475d82392bfdabe1cc0f7a32"`);
    await db.query(`DROP INDEX "IDX_a8900f6c24005b0bb4d0986ef5"`);
    await db.query(`DROP TABLE "guests"`);
  }
}
