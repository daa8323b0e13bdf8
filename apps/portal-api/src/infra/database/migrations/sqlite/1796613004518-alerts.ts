import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1796613004518 implements MigrationInterface {
  name = 'Alerts1796613004518';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "alerts" ("id" varchar(36) PRIMARY KEY NOT NULL, "source" varchar(8) NOT NULL, "sender" varchar(160) NOT NULL, "app_id" varchar(36), "sender_name" varchar(120), "title" varchar(200) NOT NULL, "body" text NOT NULL DEFAULT (''), "severity" varchar(8) NOT NULL, "link" varchar(2000), "actions" text, "dedupe_key" varchar(200), "content_hash" varchar(64) NOT NULL, "broadcast" varchar(10), "expires_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await db.query(`CREATE INDEX "IDX_492bb5c55cd554933ef63d0933" ON "alerts" ("app_id") `);
    await db.query(`CREATE INDEX "IDX_115f87d1b319534b740a0996ce" ON "alerts" ("broadcast") `);
    await db.query(`CREATE INDEX "IDX_994652c88f9f10beb999cdef12" ON "alerts" ("updated_at") `);
    await db.query(`CREATE UNIQUE INDEX "alerts_sender_dedupe" ON "alerts" ("sender", "dedupe_key") `);
    await db.query(`CREATE TABLE "alert_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(16) NOT NULL, "alert_id" varchar(36), "user_id" varchar(36), "payload" text, "created_at" datetime NOT NULL)`);
    await db.query(`CREATE INDEX "IDX_173c46672370af90ea85791ac7" ON "alert_events" ("user_id") `);
    await db.query(`CREATE INDEX "IDX_8a382cc322f3886a675cecdcd6" ON "alert_events" ("created_at") `);
    await db.query(`CREATE INDEX "alert_events_alert" ON "alert_events" ("alert_id") `);
    await db.query(`CREATE TABLE "alert_recipients" ("alert_id" varchar(36) NOT NULL, "user_id" varchar(36) NOT NULL, "read_at" datetime, "dismissed_at" datetime, PRIMARY KEY ("alert_id", "user_id"))`);
    await db.query(`CREATE INDEX "alert_recipients_user" ON "alert_recipients" ("user_id", "read_at") `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "alert_recipients_user"`);
    await db.query(`DROP TABLE "alert_recipients"`);
    await db.query(`DROP INDEX "IDX_8a382cc322f3886a675cecdcd6"`);
    await db.query(`DROP INDEX "IDX_173c46672370af90ea85791ac7"`);
    await db.query(`DROP INDEX "alert_events_alert"`);
    await db.query(`DROP TABLE "alert_events"`);
    await db.query(`DROP INDEX "alerts_sender_dedupe"`);
    await db.query(`DROP INDEX "IDX_994652c88f9f10beb999cdef12"`);
    await db.query(`DROP INDEX "IDX_115f87d1b319534b740a0996ce"`);
    await db.query(`DROP INDEX "IDX_492bb5c55cd554933ef63d0933"`);
    await db.query(`DROP TABLE "alerts"`);
  }
}
