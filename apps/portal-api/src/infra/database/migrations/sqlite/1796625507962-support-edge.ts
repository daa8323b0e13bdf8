import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Support attachments and outbound webhooks. Written from the generated statements, with the
 * deliveries' foreign key in the CREATE TABLE instead of the table rebuild TypeORM generates.
 */
export class SupportEdge1796625507962 implements MigrationInterface {
  name = 'SupportEdge1796625507962';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "support_attachments" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticket_id" varchar(36), "message_id" varchar(36), "uploader_id" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "content_type" varchar(40) NOT NULL, "size" integer NOT NULL, "sha256" varchar(64) NOT NULL, "storage_key" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime)`);
    await db.query(`CREATE INDEX "IDX_f69ca80dc89981860c1fcac9b9" ON "support_attachments" ("ticket_id") `);
    await db.query(`CREATE INDEX "IDX_269fce2638d1865d398fb54dd2" ON "support_attachments" ("message_id") `);
    await db.query(`CREATE INDEX "IDX_609bcb85c0151431d63efc61f2" ON "support_attachments" ("uploader_id") `);
    await db.query(`CREATE UNIQUE INDEX "IDX_acbe07035fd1c50e96e714e2e5" ON "support_attachments" ("storage_key") `);
    await db.query(`CREATE INDEX "IDX_45b59bddd181b37e0f666c0289" ON "support_attachments" ("expires_at") `);
    await db.query(`CREATE TABLE "support_webhooks" ("id" varchar(36) PRIMARY KEY NOT NULL, "url" varchar(2000) NOT NULL, "events" varchar(500) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "description" varchar(300) NOT NULL DEFAULT (''), "secret_sealed" text NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await db.query(`CREATE TABLE "support_webhook_deliveries" ("id" varchar(36) PRIMARY KEY NOT NULL, "webhook_id" varchar(36) NOT NULL, "event" varchar(40) NOT NULL, "ticket_number" integer, "payload" text NOT NULL, "state" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "last_status" integer, "last_error" varchar(500), "next_attempt_at" datetime, "delivered_at" datetime, "created_at" datetime NOT NULL, CONSTRAINT "FK_bc687f2ed95dec0c63893b28ce4" FOREIGN KEY ("webhook_id") REFERENCES "support_webhooks" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "IDX_13b775df1e33cb4aa8d77420cf" ON "support_webhook_deliveries" ("next_attempt_at") `);
    await db.query(`CREATE INDEX "IDX_9042ed36132e5a5ce7856cbdc4" ON "support_webhook_deliveries" ("created_at") `);
    await db.query(`CREATE INDEX "support_webhook_deliveries_log" ON "support_webhook_deliveries" ("webhook_id", "created_at") `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "support_webhook_deliveries_log"`);
    await db.query(`DROP INDEX "IDX_9042ed36132e5a5ce7856cbdc4"`);
    await db.query(`DROP INDEX "IDX_13b775df1e33cb4aa8d77420cf"`);
    await db.query(`DROP TABLE "support_webhook_deliveries"`);
    await db.query(`DROP TABLE "support_webhooks"`);
    await db.query(`DROP INDEX "IDX_45b59bddd181b37e0f666c0289"`);
    await db.query(`DROP INDEX "IDX_acbe07035fd1c50e96e714e2e5"`);
    await db.query(`DROP INDEX "IDX_609bcb85c0151431d63efc61f2"`);
    await db.query(`DROP INDEX "IDX_269fce2638d1865d398fb54dd2"`);
    await db.query(`DROP INDEX "IDX_f69ca80dc89981860c1fcac9b9"`);
    await db.query(`DROP TABLE "support_attachments"`);
  }
}
