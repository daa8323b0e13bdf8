import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795432270610 implements MigrationInterface {
  name = 'Initial1795432270610';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "password_hash" varchar(255), "is_admin" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('active'), "locale" varchar(5), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "disabled_at" datetime, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))`);
    await db.query(`CREATE TABLE "groups" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(80) NOT NULL, "description" varchar(300) NOT NULL DEFAULT (''), "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_664ea405ae2a10c264d582ee563" UNIQUE ("name"))`);
    await db.query(`CREATE TABLE "audit_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "occurred_at" datetime NOT NULL, "type" varchar(64) NOT NULL, "outcome" varchar(16) NOT NULL, "actor" varchar(64), "subject" varchar(64), "ip" varchar(64), "request_id" varchar(64), "details" text NOT NULL DEFAULT ('{}'))`);
    await db.query(`CREATE INDEX "idx_audit_events_type" ON "audit_events" ("type", "occurred_at") `);
    await db.query(`CREATE INDEX "idx_audit_events_occurred" ON "audit_events" ("occurred_at") `);
    await db.query(`CREATE TABLE "instance_settings" ("key" varchar(100) PRIMARY KEY NOT NULL, "value" text NOT NULL, "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`CREATE TABLE "setup_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "purpose" varchar(32) NOT NULL, "user_id" varchar(36), "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_38e8b2c8ceb99dce3e046da7c57" UNIQUE ("token_hash"))`);
    await db.query(`CREATE TABLE "user_groups" ("user_id" varchar(36) NOT NULL, "group_id" varchar(36) NOT NULL, PRIMARY KEY ("user_id", "group_id"))`);
    await db.query(`CREATE INDEX "IDX_95bf94c61795df25a515435010" ON "user_groups" ("user_id") `);
    await db.query(`CREATE INDEX "IDX_4c5f2c23c34f3921fbad2cd394" ON "user_groups" ("group_id") `);
    await db.query(`CREATE TABLE "temporary_setup_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "purpose" varchar(32) NOT NULL, "user_id" varchar(36), "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_38e8b2c8ceb99dce3e046da7c57" UNIQUE ("token_hash"), CONSTRAINT "FK_1d0f629121b7f5a8f0f27366bf9" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`INSERT INTO "temporary_setup_tokens"("id", "token_hash", "purpose", "user_id", "expires_at", "used_at", "created_at") SELECT "id", "token_hash", "purpose", "user_id", "expires_at", "used_at", "created_at" FROM "setup_tokens"`);
    await db.query(`DROP TABLE "setup_tokens"`);
    await db.query(`ALTER TABLE "temporary_setup_tokens" RENAME TO "setup_tokens"`);
    await db.query(`DROP INDEX "IDX_95bf94c61795df25a515435010"`);
    await db.query(`DROP INDEX "IDX_4c5f2c23c34f3921fbad2cd394"`);
    await db.query(`CREATE TABLE "temporary_user_groups" ("user_id" varchar(36) NOT NULL, "group_id" varchar(36) NOT NULL, CONSTRAINT "FK_95bf94c61795df25a5154350102" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "FK_4c5f2c23c34f3921fbad2cd3940" FOREIGN KEY ("group_id") REFERENCES "groups" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("user_id", "group_id"))`);
    await db.query(`INSERT INTO "temporary_user_groups"("user_id", "group_id") SELECT "user_id", "group_id" FROM "user_groups"`);
    await db.query(`DROP TABLE "user_groups"`);
    await db.query(`ALTER TABLE "temporary_user_groups" RENAME TO "user_groups"`);
    await db.query(`CREATE INDEX "IDX_95bf94c61795df25a515435010" ON "user_groups" ("user_id") `);
    await db.query(`CREATE INDEX "IDX_4c5f2c23c34f3921fbad2cd394" ON "user_groups" ("group_id") `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_4c5f2c23c34f3921fbad2cd394"`);
    await db.query(`DROP INDEX "IDX_95bf94c61795df25a515435010"`);
    await db.query(`ALTER TABLE "user_groups" RENAME TO "temporary_user_groups"`);
    await db.query(`CREATE TABLE "user_groups" ("user_id" varchar(36) NOT NULL, "group_id" varchar(36) NOT NULL, PRIMARY KEY ("user_id", "group_id"))`);
    await db.query(`INSERT INTO "user_groups"("user_id", "group_id") SELECT "user_id", "group_id" FROM "temporary_user_groups"`);
    await db.query(`DROP TABLE "temporary_user_groups"`);
    await db.query(`CREATE INDEX "IDX_4c5f2c23c34f3921fbad2cd394" ON "user_groups" ("group_id") `);
    await db.query(`CREATE INDEX "IDX_95bf94c61795df25a515435010" ON "user_groups" ("user_id") `);
    await db.query(`ALTER TABLE "setup_tokens" RENAME TO "temporary_setup_tokens"`);
    await db.query(`CREATE TABLE "setup_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "purpose" varchar(32) NOT NULL, "user_id" varchar(36), "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_38e8b2c8ceb99dce3e046da7c57" UNIQUE ("token_hash"))`);
    await db.query(`INSERT INTO "setup_tokens"("id", "token_hash", "purpose", "user_id", "expires_at", "used_at", "created_at") SELECT "id", "token_hash", "purpose", "user_id", "expires_at", "used_at", "created_at" FROM "temporary_setup_tokens"`);
    await db.query(`DROP TABLE "temporary_setup_tokens"`);
    await db.query(`DROP INDEX "IDX_4c5f2c23c34f3921fbad2cd394"`);
    await db.query(`DROP INDEX "IDX_95bf94c61795df25a515435010"`);
    await db.query(`DROP TABLE "user_groups"`);
    await db.query(`DROP TABLE "setup_tokens"`);
    await db.query(`DROP TABLE "instance_settings"`);
    await db.query(`DROP INDEX "idx_audit_events_occurred"`);
    await db.query(`DROP INDEX "idx_audit_events_type"`);
    await db.query(`DROP TABLE "audit_events"`);
    await db.query(`DROP TABLE "groups"`);
    await db.query(`DROP TABLE "users"`);
  }
}
