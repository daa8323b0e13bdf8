import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795439772801 implements MigrationInterface {
  name = 'Identity1795439772801';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "recovery_codes" ("id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "code_hash" character varying(64) NOT NULL, "used_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_0723b9e53961e799027d7f7ba32" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "idx_recovery_codes_user" ON "recovery_codes" ("user_id") `);
    await db.query(`CREATE TABLE "totp_credentials" ("user_id" character varying(36) NOT NULL, "secret_sealed" text, "algorithm" character varying(8) NOT NULL DEFAULT 'SHA1', "digits" integer NOT NULL DEFAULT '6', "period" integer NOT NULL DEFAULT '30', "last_used_step" integer, "confirmed_at" TIMESTAMP, "pending_secret_sealed" text, "pending_started_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_e7500eeafa3a0dcb09090965589" PRIMARY KEY ("user_id"))`);
    await db.query(`CREATE TABLE "auth_throttles" ("key" character varying(200) NOT NULL, "failures" integer NOT NULL DEFAULT '0', "window_started_at" TIMESTAMP NOT NULL, "last_failure_at" TIMESTAMP NOT NULL, "blocked_until" TIMESTAMP, CONSTRAINT "PK_92f04bc24dfd3e84a142603c0c0" PRIMARY KEY ("key"))`);
    await db.query(`CREATE TABLE "oidc_clients" ("client_id" character varying(64) NOT NULL, "name" character varying(120) NOT NULL, "metadata" text NOT NULL, "secret_sealed" text, "first_party" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_9e68c17f669bc05c289bf4e12af" PRIMARY KEY ("client_id"))`);
    await db.query(`CREATE TABLE "password_resets" ("id" character varying(36) NOT NULL, "token_hash" character varying(64) NOT NULL, "user_id" character varying(36) NOT NULL, "expires_at" TIMESTAMP NOT NULL, "used_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_323290a9239ad3d397ad78018ec" UNIQUE ("token_hash"), CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "idx_password_resets_user" ON "password_resets" ("user_id") `);
    await db.query(`CREATE TABLE "oidc_payloads" ("model" character varying(40) NOT NULL, "id" character varying(255) NOT NULL, "payload" text NOT NULL, "grant_id" character varying(255), "user_code" character varying(255), "uid" character varying(255), "account_id" character varying(255), "expires_at" TIMESTAMP, "consumed_at" TIMESTAMP, CONSTRAINT "PK_d9486974390cddb7406abddf347" PRIMARY KEY ("model", "id"))`);
    await db.query(`CREATE INDEX "idx_oidc_payloads_expires" ON "oidc_payloads" ("expires_at") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_account" ON "oidc_payloads" ("account_id", "model") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_user_code" ON "oidc_payloads" ("user_code") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_uid" ON "oidc_payloads" ("uid") `);
    await db.query(`CREATE INDEX "idx_oidc_payloads_grant" ON "oidc_payloads" ("grant_id") `);
    await db.query(`CREATE TABLE "session_devices" ("session_uid" character varying(64) NOT NULL, "account_id" character varying(36) NOT NULL, "user_agent" character varying(512) NOT NULL DEFAULT '', "ip" character varying(64), "signed_in_at" TIMESTAMP NOT NULL, "last_seen_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_a8a4260175b9f20419a03b5b130" PRIMARY KEY ("session_uid"))`);
    await db.query(`CREATE INDEX "idx_session_devices_account" ON "session_devices" ("account_id") `);
    await db.query(`CREATE TABLE "sign_in_flows" ("interaction_uid" character varying(64) NOT NULL, "user_id" character varying(36), "password_verified_at" TIMESTAMP, "second_factor_verified_at" TIMESTAMP, "amr" character varying(120) NOT NULL DEFAULT '[]', "enrolled" boolean NOT NULL DEFAULT false, "expires_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_9dadcd271e14455ab4424461edd" PRIMARY KEY ("interaction_uid"))`);
    await db.query(`CREATE TABLE "signing_keys" ("kid" character varying(64) NOT NULL, "alg" character varying(16) NOT NULL, "private_jwk_sealed" text NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "retired_at" TIMESTAMP, "unpublish_after" TIMESTAMP, CONSTRAINT "PK_13362ac3e792c69417e1a53d355" PRIMARY KEY ("kid"))`);
    await db.query(`CREATE TABLE "mail_outbox" ("id" character varying(36) NOT NULL, "to_address" character varying(254) NOT NULL, "subject" character varying(200) NOT NULL, "text_body" text NOT NULL, "created_at" TIMESTAMP NOT NULL, "sent_at" TIMESTAMP, "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(500), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "idx_mail_outbox_created" ON "mail_outbox" ("created_at") `);
    await db.query(`ALTER TABLE "users" ADD "password_changed_at" TIMESTAMP`);
    await db.query(`ALTER TABLE "users" ADD "last_sign_in_at" TIMESTAMP`);
    await db.query(`ALTER TABLE "recovery_codes" ADD CONSTRAINT "FK_fb82b2ac740ca095b617afad031" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "totp_credentials" ADD CONSTRAINT "FK_e7500eeafa3a0dcb09090965589" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "password_resets" ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "password_resets" DROP CONSTRAINT "FK_f7a4c3bc48f24df007936d217be"`);
    await db.query(`ALTER TABLE "totp_credentials" DROP CONSTRAINT "FK_e7500eeafa3a0dcb09090965589"`);
    await db.query(`ALTER TABLE "recovery_codes" DROP CONSTRAINT "FK_fb82b2ac740ca095b617afad031"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "last_sign_in_at"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "password_changed_at"`);
    await db.query(`DROP INDEX "public"."idx_mail_outbox_created"`);
    await db.query(`DROP TABLE "mail_outbox"`);
    await db.query(`DROP TABLE "signing_keys"`);
    await db.query(`DROP TABLE "sign_in_flows"`);
    await db.query(`DROP INDEX "public"."idx_session_devices_account"`);
    await db.query(`DROP TABLE "session_devices"`);
    await db.query(`DROP INDEX "public"."idx_oidc_payloads_grant"`);
    await db.query(`DROP INDEX "public"."idx_oidc_payloads_uid"`);
    await db.query(`DROP INDEX "public"."idx_oidc_payloads_user_code"`);
    await db.query(`DROP INDEX "public"."idx_oidc_payloads_account"`);
    await db.query(`DROP INDEX "public"."idx_oidc_payloads_expires"`);
    await db.query(`DROP TABLE "oidc_payloads"`);
    await db.query(`DROP INDEX "public"."idx_password_resets_user"`);
    await db.query(`DROP TABLE "password_resets"`);
    await db.query(`DROP TABLE "oidc_clients"`);
    await db.query(`DROP TABLE "auth_throttles"`);
    await db.query(`DROP TABLE "totp_credentials"`);
    await db.query(`DROP INDEX "public"."idx_recovery_codes_user"`);
    await db.query(`DROP TABLE "recovery_codes"`);
  }
}
