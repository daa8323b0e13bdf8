import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795432270610 implements MigrationInterface {
  name = 'Initial1795432270610';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "users" ("id" character varying(36) NOT NULL, "email" character varying(254) NOT NULL, "name" character varying(120) NOT NULL, "password_hash" character varying(255), "is_admin" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL DEFAULT 'active', "locale" character varying(5), "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP, CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "groups" ("id" character varying(36) NOT NULL, "name" character varying(80) NOT NULL, "description" character varying(300) NOT NULL DEFAULT '', "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_664ea405ae2a10c264d582ee563" UNIQUE ("name"), CONSTRAINT "PK_659d1483316afb28afd3a90646e" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "audit_events" ("id" character varying(36) NOT NULL, "occurred_at" TIMESTAMP NOT NULL, "type" character varying(64) NOT NULL, "outcome" character varying(16) NOT NULL, "actor" character varying(64), "subject" character varying(64), "ip" character varying(64), "request_id" character varying(64), "details" text NOT NULL DEFAULT '{}', CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "idx_audit_events_type" ON "audit_events" ("type", "occurred_at") `);
    await db.query(`CREATE INDEX "idx_audit_events_occurred" ON "audit_events" ("occurred_at") `);
    await db.query(`CREATE TABLE "instance_settings" ("key" character varying(100) NOT NULL, "value" text NOT NULL, "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_f4841fbd4c9819d5ade4b5dfeb8" PRIMARY KEY ("key"))`);
    await db.query(`CREATE TABLE "setup_tokens" ("id" character varying(36) NOT NULL, "token_hash" character varying(64) NOT NULL, "purpose" character varying(32) NOT NULL, "user_id" character varying(36), "expires_at" TIMESTAMP NOT NULL, "used_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_38e8b2c8ceb99dce3e046da7c57" UNIQUE ("token_hash"), CONSTRAINT "PK_c0126c8e0a96d2587921ef73160" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "user_groups" ("user_id" character varying(36) NOT NULL, "group_id" character varying(36) NOT NULL, CONSTRAINT "PK_c95039f66f5d7a452fc53945bfe" PRIMARY KEY ("user_id", "group_id"))`);
    await db.query(`CREATE INDEX "IDX_95bf94c61795df25a515435010" ON "user_groups" ("user_id") `);
    await db.query(`CREATE INDEX "IDX_4c5f2c23c34f3921fbad2cd394" ON "user_groups" ("group_id") `);
    await db.query(`ALTER TABLE "setup_tokens" ADD CONSTRAINT "FK_1d0f629121b7f5a8f0f27366bf9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "user_groups" ADD CONSTRAINT "FK_95bf94c61795df25a5154350102" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    await db.query(`ALTER TABLE "user_groups" ADD CONSTRAINT "FK_4c5f2c23c34f3921fbad2cd3940" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "user_groups" DROP CONSTRAINT "FK_4c5f2c23c34f3921fbad2cd3940"`);
    await db.query(`ALTER TABLE "user_groups" DROP CONSTRAINT "FK_95bf94c61795df25a5154350102"`);
    await db.query(`ALTER TABLE "setup_tokens" DROP CONSTRAINT "FK_1d0f629121b7f5a8f0f27366bf9"`);
    await db.query(`DROP INDEX "public"."IDX_4c5f2c23c34f3921fbad2cd394"`);
    await db.query(`DROP INDEX "public"."IDX_95bf94c61795df25a515435010"`);
    await db.query(`DROP TABLE "user_groups"`);
    await db.query(`DROP TABLE "setup_tokens"`);
    await db.query(`DROP TABLE "instance_settings"`);
    await db.query(`DROP INDEX "public"."idx_audit_events_occurred"`);
    await db.query(`DROP INDEX "public"."idx_audit_events_type"`);
    await db.query(`DROP TABLE "audit_events"`);
    await db.query(`DROP TABLE "groups"`);
    await db.query(`DROP TABLE "users"`);
  }
}
