import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1796613004518 implements MigrationInterface {
  name = 'Alerts1796613004518';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "alerts" ("id" character varying(36) NOT NULL, "source" character varying(8) NOT NULL, "sender" character varying(160) NOT NULL, "app_id" character varying(36), "sender_name" character varying(120), "title" character varying(200) NOT NULL, "body" text NOT NULL DEFAULT '', "severity" character varying(8) NOT NULL, "link" character varying(2000), "actions" text, "dedupe_key" character varying(200), "content_hash" character varying(64) NOT NULL, "broadcast" character varying(10), "expires_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_492bb5c55cd554933ef63d0933" ON "alerts" ("app_id") `);
    await db.query(`CREATE INDEX "IDX_115f87d1b319534b740a0996ce" ON "alerts" ("broadcast") `);
    await db.query(`CREATE INDEX "IDX_994652c88f9f10beb999cdef12" ON "alerts" ("updated_at") `);
    await db.query(`CREATE UNIQUE INDEX "alerts_sender_dedupe" ON "alerts" ("sender", "dedupe_key") `);
    await db.query(`CREATE TABLE "alert_events" ("id" SERIAL NOT NULL, "kind" character varying(16) NOT NULL, "alert_id" character varying(36), "user_id" character varying(36), "payload" text, "created_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_f8dd833a0534d3a01e8d01e3bca" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_173c46672370af90ea85791ac7" ON "alert_events" ("user_id") `);
    await db.query(`CREATE INDEX "IDX_8a382cc322f3886a675cecdcd6" ON "alert_events" ("created_at") `);
    await db.query(`CREATE INDEX "alert_events_alert" ON "alert_events" ("alert_id") `);
    await db.query(`CREATE TABLE "alert_recipients" ("alert_id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "read_at" TIMESTAMP, "dismissed_at" TIMESTAMP, CONSTRAINT "PK_6d4b22d189e727481ebd552e332" PRIMARY KEY ("alert_id", "user_id"))`);
    await db.query(`CREATE INDEX "alert_recipients_user" ON "alert_recipients" ("user_id", "read_at") `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "public"."alert_recipients_user"`);
    await db.query(`DROP TABLE "alert_recipients"`);
    await db.query(`DROP INDEX "public"."IDX_8a382cc322f3886a675cecdcd6"`);
    await db.query(`DROP INDEX "public"."IDX_173c46672370af90ea85791ac7"`);
    await db.query(`DROP INDEX "public"."alert_events_alert"`);
    await db.query(`DROP TABLE "alert_events"`);
    await db.query(`DROP INDEX "public"."alerts_sender_dedupe"`);
    await db.query(`DROP INDEX "public"."IDX_994652c88f9f10beb999cdef12"`);
    await db.query(`DROP INDEX "public"."IDX_115f87d1b319534b740a0996ce"`);
    await db.query(`DROP INDEX "public"."IDX_492bb5c55cd554933ef63d0933"`);
    await db.query(`DROP TABLE "alerts"`);
  }
}
