import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795439772801 implements MigrationInterface {
  name = 'Identity1795439772801';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`CREATE INDEX "idx_recovery_codes_user" ON "recovery_codes" ("user_id") `);
    await db.query(`CREATE TABLE "totp_credentials" ("user_id" varchar(36) PRIMARY KEY NOT NULL, "secret_sealed" text, "algorithm" varchar(8) NOT NULL DEFAULT ('SHA1'), "digits" integer NOT NULL DEFAULT (6), "period" integer NOT NULL DEFAULT (30), "last_used_step" integer, "confirmed_at" datetime, "pending_secret_sealed" text, "pending_started_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`CREATE TABLE "auth_throttles" ("key" varchar(200) PRIMARY KEY NOT NULL, "failures" integer NOT NULL DEFAULT (0), "window_started_at" datetime NOT NULL, "last_failure_at" datetime NOT NULL, "blocked_until" datetime)`);
    await db.query(`CREATE TABLE "oidc_clients" ("client_id" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "metadata" text NOT NULL, "secret_sealed" text, "first_party" boolean NOT NULL DEFAULT (1), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`CREATE TABLE "password_resets" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_323290a9239ad3d397ad78018ec" UNIQUE ("token_hash"))`);
    await db.query(`CREATE INDEX "idx_password_resets_user" ON "password_resets" ("user_id") `);
    await db.query(`CREATE TABLE "oidc_payloads" ("model" varchar(40) NOT NULL, "id" varchar(255) NOT NULL, "payload" text NOT NULL, "grant_id" varchar(255), "user_code" varchar(255), "uid" varchar(255), "account_id" varchar(255), "expires_at" datetime, "consumed_at" datetime, PRIMARY KEY ("model", "id"))`);
    await db.query(`CREATE INDEX "idx_oidc_payloads_expires" ON "oidc_payloads" ("expires_at") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_account" ON "oidc_payloads" ("account_id", "model") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_user_code" ON "oidc_payloads" ("user_code") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_uid" ON "oidc_payloads" ("uid") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_grant" ON "oidc_payloads" ("grant_id") `);
    await db.query(`CREATE TABLE "session_devices" ("session_uid" varchar(64) PRIMARY KEY NOT NULL, "account_id" varchar(36) NOT NULL, "user_agent" varchar(512) NOT NULL DEFAULT (''), "ip" varchar(64), "signed_in_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL)`);
    await db.query(`CREATE INDEX "idx_session_devices_account" ON "session_devices" ("account_id") `);
    await db.query(`CREATE TABLE "sign_in_flows" ("interaction_uid" varchar(64) PRIMARY KEY NOT NULL, "user_id" varchar(36), "password_verified_at" datetime, "second_factor_verified_at" datetime, "amr" varchar(120) NOT NULL DEFAULT ('[]'), "enrolled" boolean NOT NULL DEFAULT (0), "expires_at" datetime NOT NULL)`);
    await db.query(`CREATE TABLE "signing_keys" ("kid" varchar(64) PRIMARY KEY NOT NULL, "alg" varchar(16) NOT NULL, "private_jwk_sealed" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "retired_at" datetime, "unpublish_after" datetime)`);
    await db.query(`CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "to_address" varchar(254) NOT NULL, "subject" varchar(200) NOT NULL, "text_body" text NOT NULL, "created_at" datetime NOT NULL, "sent_at" datetime, "attempts" integer NOT NULL DEFAULT (0), "last_error" varchar(500))`);
    await db.query(`CREATE INDEX "idx_mail_outbox_created" ON "mail_outbox" ("created_at") `);
    await db.query(`CREATE TABLE "temporary_users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "password_hash" varchar(255), "is_admin" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('active'), "locale" varchar(5), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "disabled_at" datetime, "password_changed_at" datetime, "last_sign_in_at" datetime, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))`);
    await db.query(`INSERT INTO "temporary_users"("id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at") SELECT "id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at" FROM "users"`);
    await db.query(`DROP TABLE "users"`);
    await db.query(`ALTER TABLE "temporary_users" RENAME TO "users"`);
    await db.query(`DROP INDEX "idx_recovery_codes_user"`);
    await db.query(`CREATE TABLE "temporary_recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_fb82b2ac740ca095b617afad031" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`INSERT INTO "temporary_recovery_codes"("id", "user_id", "code_hash", "used_at", "created_at") SELECT "id", "user_id", "code_hash", "used_at", "created_at" FROM "recovery_codes"`);
    await db.query(`DROP TABLE "recovery_codes"`);
    await db.query(`ALTER TABLE "temporary_recovery_codes" RENAME TO "recovery_codes"`);
    await db.query(`CREATE INDEX "idx_recovery_codes_user" ON "recovery_codes" ("user_id") `);
    await db.query(`CREATE TABLE "temporary_totp_credentials" ("user_id" varchar(36) PRIMARY KEY NOT NULL, "secret_sealed" text, "algorithm" varchar(8) NOT NULL DEFAULT ('SHA1'), "digits" integer NOT NULL DEFAULT (6), "period" integer NOT NULL DEFAULT (30), "last_used_step" integer, "confirmed_at" datetime, "pending_secret_sealed" text, "pending_started_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_e7500eeafa3a0dcb09090965589" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`INSERT INTO "temporary_totp_credentials"("user_id", "secret_sealed", "algorithm", "digits", "period", "last_used_step", "confirmed_at", "pending_secret_sealed", "pending_started_at", "created_at") SELECT "user_id", "secret_sealed", "algorithm", "digits", "period", "last_used_step", "confirmed_at", "pending_secret_sealed", "pending_started_at", "created_at" FROM "totp_credentials"`);
    await db.query(`DROP TABLE "totp_credentials"`);
    await db.query(`ALTER TABLE "temporary_totp_credentials" RENAME TO "totp_credentials"`);
    await db.query(`DROP INDEX "idx_password_resets_user"`);
    await db.query(`CREATE TABLE "temporary_password_resets" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_323290a9239ad3d397ad78018ec" UNIQUE ("token_hash"), CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`INSERT INTO "temporary_password_resets"("id", "token_hash", "user_id", "expires_at", "used_at", "created_at") SELECT "id", "token_hash", "user_id", "expires_at", "used_at", "created_at" FROM "password_resets"`);
    await db.query(`DROP TABLE "password_resets"`);
    await db.query(`ALTER TABLE "temporary_password_resets" RENAME TO "password_resets"`);
    await db.query(`CREATE INDEX "idx_password_resets_user" ON "password_resets" ("user_id") `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "idx_password_resets_user"`);
    await db.query(`ALTER TABLE "password_resets" RENAME TO "temporary_password_resets"`);
    await db.query(`CREATE TABLE "password_resets" ("id" varchar(36) PRIMARY KEY NOT NULL, "token_hash" varchar(64) NOT NULL, "user_id" varchar(36) NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_323290a9239ad3d397ad78018ec" UNIQUE ("token_hash"))`);
    await db.query(`INSERT INTO "password_resets"("id", "token_hash", "user_id", "expires_at", "used_at", "created_at") SELECT "id", "token_hash", "user_id", "expires_at", "used_at", "created_at" FROM "temporary_password_resets"`);
    await db.query(`DROP TABLE "temporary_password_resets"`);
    await db.query(`CREATE INDEX "idx_password_resets_user" ON "password_resets" ("user_id") `);
    await db.query(`ALTER TABLE "totp_credentials" RENAME TO "temporary_totp_credentials"`);
    await db.query(`CREATE TABLE "totp_credentials" ("user_id" varchar(36) PRIMARY KEY NOT NULL, "secret_sealed" text, "algorithm" varchar(8) NOT NULL DEFAULT ('SHA1'), "digits" integer NOT NULL DEFAULT (6), "period" integer NOT NULL DEFAULT (30), "last_used_step" integer, "confirmed_at" datetime, "pending_secret_sealed" text, "pending_started_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`INSERT INTO "totp_credentials"("user_id", "secret_sealed", "algorithm", "digits", "period", "last_used_step", "confirmed_at", "pending_secret_sealed", "pending_started_at", "created_at") SELECT "user_id", "secret_sealed", "algorithm", "digits", "period", "last_used_step", "confirmed_at", "pending_secret_sealed", "pending_started_at", "created_at" FROM "temporary_totp_credentials"`);
    await db.query(`DROP TABLE "temporary_totp_credentials"`);
    await db.query(`DROP INDEX "idx_recovery_codes_user"`);
    await db.query(`ALTER TABLE "recovery_codes" RENAME TO "temporary_recovery_codes"`);
    await db.query(`CREATE TABLE "recovery_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`INSERT INTO "recovery_codes"("id", "user_id", "code_hash", "used_at", "created_at") SELECT "id", "user_id", "code_hash", "used_at", "created_at" FROM "temporary_recovery_codes"`);
    await db.query(`DROP TABLE "temporary_recovery_codes"`);
    await db.query(`CREATE INDEX "idx_recovery_codes_user" ON "recovery_codes" ("user_id") `);
    await db.query(`ALTER TABLE "users" RENAME TO "temporary_users"`);
    await db.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "name" varchar(120) NOT NULL, "password_hash" varchar(255), "is_admin" boolean NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL DEFAULT ('active'), "locale" varchar(5), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "disabled_at" datetime, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"))`);
    await db.query(`INSERT INTO "users"("id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at") SELECT "id", "email", "name", "password_hash", "is_admin", "status", "locale", "created_at", "updated_at", "disabled_at" FROM "temporary_users"`);
    await db.query(`DROP TABLE "temporary_users"`);
    await db.query(`DROP INDEX "idx_mail_outbox_created"`);
    await db.query(`DROP TABLE "mail_outbox"`);
    await db.query(`DROP TABLE "signing_keys"`);
    await db.query(`DROP TABLE "sign_in_flows"`);
    await db.query(`DROP INDEX "idx_session_devices_account"`);
    await db.query(`DROP TABLE "session_devices"`);
    await db.query(`DROP INDEX "idx_oidc_payloads_grant"`);
    await db.query(`DROP INDEX "idx_oidc_payloads_uid"`);
    await db.query(`DROP INDEX "idx_oidc_payloads_user_code"`);
    await db.query(`DROP INDEX "idx_oidc_payloads_account"`);
    await db.query(`DROP INDEX "idx_oidc_payloads_expires"`);
    await db.query(`DROP TABLE "oidc_payloads"`);
    await db.query(`DROP INDEX "idx_password_resets_user"`);
    await db.query(`DROP TABLE "password_resets"`);
    await db.query(`DROP TABLE "oidc_clients"`);
    await db.query(`DROP TABLE "auth_throttles"`);
    await db.query(`DROP TABLE "totp_credentials"`);
    await db.query(`DROP INDEX "idx_recovery_codes_user"`);
    await db.query(`DROP TABLE "recovery_codes"`);
  }
}
