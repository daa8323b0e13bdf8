import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Feeds1796613159928 implements MigrationInterface {
  name = 'Feeds1796613159928';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "feeds" ("app_id" character varying(64) NOT NULL, "url" character varying(2000) NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'never', "message" character varying(500), "problem" character varying(1000), "etag" character varying(500), "last_modified" character varying(100), "last_checked_at" TIMESTAMP, "last_success_at" TIMESTAMP, "next_check_at" TIMESTAMP NOT NULL, "consecutive_failures" integer NOT NULL DEFAULT '0', "items_seen" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_696d4a28e9bc18b8793f28f7c3d" PRIMARY KEY ("app_id"))`);
    await db.query(`CREATE INDEX "IDX_913ee7e17f0b871a67f1305969" ON "feeds" ("next_check_at") `);
    await db.query(`CREATE TABLE "feed_items" ("app_id" character varying(64) NOT NULL, "item_hash" character varying(64) NOT NULL, "last_seen_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_f9882916abd5fdc0b6c902035e2" PRIMARY KEY ("app_id", "item_hash"))`);
    await db.query(`CREATE INDEX "IDX_f09e35a8bd2cf223fd2df843c1" ON "feed_items" ("last_seen_at") `);
    await db.query(`ALTER TABLE "catalog_apps" ADD "feed_url" character varying(2000)`);
    await db.query(`ALTER TABLE "feeds" ADD CONSTRAINT "FK_696d4a28e9bc18b8793f28f7c3d" FOREIGN KEY ("app_id") REFERENCES "catalog_apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "feed_items" ADD CONSTRAINT "FK_383160b6da57029993b9b785dbc" FOREIGN KEY ("app_id") REFERENCES "feeds"("app_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "feed_items" DROP CONSTRAINT "FK_383160b6da57029993b9b785dbc"`);
    await db.query(`ALTER TABLE "feeds" DROP CONSTRAINT "FK_696d4a28e9bc18b8793f28f7c3d"`);
    await db.query(`ALTER TABLE "catalog_apps" DROP COLUMN "feed_url"`);
    await db.query(`DROP INDEX "public"."IDX_f09e35a8bd2cf223fd2df843c1"`);
    await db.query(`DROP TABLE "feed_items"`);
    await db.query(`DROP INDEX "public"."IDX_913ee7e17f0b871a67f1305969"`);
    await db.query(`DROP TABLE "feeds"`);
  }
}
