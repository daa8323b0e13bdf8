import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SupportEdge1796625507962 implements MigrationInterface {
  name = 'SupportEdge1796625507962';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "support_attachments" ("id" character varying(36) NOT NULL, "ticket_id" character varying(36), "message_id" character varying(36), "uploader_id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "content_type" character varying(40) NOT NULL, "size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "storage_key" character varying(64) NOT NULL, "created_at" TIMESTAMP NOT NULL, "expires_at" TIMESTAMP, CONSTRAINT "PK_b4a5a8271a7bfabfa788f3833ba" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_f69ca80dc89981860c1fcac9b9" ON "support_attachments" ("ticket_id") `);
    await db.query(`CREATE INDEX "IDX_269fce2638d1865d398fb54dd2" ON "support_attachments" ("message_id") `);
    await db.query(`CREATE INDEX "IDX_609bcb85c0151431d63efc61f2" ON "support_attachments" ("uploader_id") `);
    await db.query(`CREATE UNIQUE INDEX "IDX_acbe07035fd1c50e96e714e2e5" ON "support_attachments" ("storage_key") `);
    await db.query(`CREATE INDEX "IDX_45b59bddd181b37e0f666c0289" ON "support_attachments" ("expires_at") `);
    await db.query(`CREATE TABLE "support_webhooks" ("id" character varying(36) NOT NULL, "url" character varying(2000) NOT NULL, "events" character varying(500) NOT NULL, "active" boolean NOT NULL DEFAULT true, "description" character varying(300) NOT NULL DEFAULT '', "secret_sealed" text NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_4c27751c3396341d4aaebd77223" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "support_webhook_deliveries" ("id" character varying(36) NOT NULL, "webhook_id" character varying(36) NOT NULL, "event" character varying(40) NOT NULL, "ticket_number" integer, "payload" text NOT NULL, "state" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_status" integer, "last_error" character varying(500), "next_attempt_at" TIMESTAMP, "delivered_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_e6f73aa0f63c92aa35551b55126" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_13b775df1e33cb4aa8d77420cf" ON "support_webhook_deliveries" ("next_attempt_at") `);
    await db.query(`CREATE INDEX "IDX_9042ed36132e5a5ce7856cbdc4" ON "support_webhook_deliveries" ("created_at") `);
    await db.query(`CREATE INDEX "support_webhook_deliveries_log" ON "support_webhook_deliveries" ("webhook_id", "created_at") `);
    await db.query(`ALTER TABLE "support_webhook_deliveries" ADD CONSTRAINT "FK_bc687f2ed95dec0c63893b28ce4" FOREIGN KEY ("webhook_id") REFERENCES "support_webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "support_webhook_deliveries" DROP CONSTRAINT "FK_bc687f2ed95dec0c63893b28ce4"`);
    await db.query(`DROP INDEX "public"."support_webhook_deliveries_log"`);
    await db.query(`DROP INDEX "public"."IDX_9042ed36132e5a5ce7856cbdc4"`);
    await db.query(`DROP INDEX "public"."IDX_13b775df1e33cb4aa8d77420cf"`);
    await db.query(`DROP TABLE "support_webhook_deliveries"`);
    await db.query(`DROP TABLE "support_webhooks"`);
    await db.query(`DROP INDEX "public"."IDX_45b59bddd181b37e0f666c0289"`);
    await db.query(`DROP INDEX "public"."IDX_acbe07035fd1c50e96e714e2e5"`);
    await db.query(`DROP INDEX "public"."IDX_609bcb85c0151431d63efc61f2"`);
    await db.query(`DROP INDEX "public"."IDX_269fce2638d1865d398fb54dd2"`);
    await db.query(`DROP INDEX "public"."IDX_f69ca80dc89981860c1fcac9b9"`);
    await db.query(`DROP TABLE "support_attachments"`);
  }
}
