import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Guests1795459288466 implements MigrationInterface {
  name = 'Guests1795459288466';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "guests" ("user_id" character varying(36) NOT NULL, "sponsor_id" character varying(36), "company" character varying(120) NOT NULL DEFAULT '', "note" character varying(1000) NOT NULL DEFAULT '', "invited_by" character varying(64) NOT NULL, "accepted_at" TIMESTAMP, "revoked_at" TIMESTAMP, "ended_at" TIMESTAMP, "erase_after" TIMESTAMP, "erased_at" TIMESTAMP, "reminders_sent" character varying(32) NOT NULL DEFAULT '', "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_3200408b8709b1d26efa9a09794" PRIMARY KEY ("user_id"))`);
    await db.query(`CREATE INDEX "IDX_a8900f6c24005b0bb4d0986ef5" ON "guests" ("sponsor_id") `);
    await db.query(`CREATE INDEX "IDX_94475d82392bfdabe1cc0f7a32" ON "guests" ("ended_at") `);
    await db.query(`ALTER TABLE "users" ADD "kind" character varying(16) NOT NULL DEFAULT 'employee'`);
    await db.query(`ALTER TABLE "users" ADD "access_starts_at" TIMESTAMP`);
    await db.query(`ALTER TABLE "users" ADD "access_ends_at" TIMESTAMP`);
    await db.query(`ALTER TABLE "users" ADD "permissions" text NOT NULL DEFAULT ''`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "users" DROP COLUMN "permissions"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "access_ends_at"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "access_starts_at"`);
    await db.query(`ALTER TABLE "users" DROP COLUMN "kind"`);
    await db.query(`DROP INDEX "public"."IDX_94475d82392bfdabe1cc0f7a32"`);
    await db.query(`DROP INDEX "public"."IDX_a8900f6c24005b0bb4d0986ef5"`);
    await db.query(`DROP TABLE "guests"`);
  }
}
