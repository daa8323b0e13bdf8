import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written from the generated statements, without the table rebuild TypeORM generates for
 * catalog_apps: inside the migration's transaction `PRAGMA foreign_keys = OFF` has no effect, so
 * dropping the old catalog_apps would cascade into every table that points at it (grants, groups,
 * pins, requests). A nullable column needs no rebuild: ADD COLUMN / DROP COLUMN do it in place.
 */
export class Feeds1796613159928 implements MigrationInterface {
  name = 'Feeds1796613159928';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "catalog_apps" ADD COLUMN "feed_url" varchar(2000)`);
    await db.query(`CREATE TABLE "feeds" ("app_id" varchar(64) PRIMARY KEY NOT NULL, "url" varchar(2000) NOT NULL, "state" varchar(16) NOT NULL DEFAULT ('never'), "message" varchar(500), "problem" varchar(1000), "etag" varchar(500), "last_modified" varchar(100), "last_checked_at" datetime, "last_success_at" datetime, "next_check_at" datetime NOT NULL, "consecutive_failures" integer NOT NULL DEFAULT (0), "items_seen" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_696d4a28e9bc18b8793f28f7c3d" FOREIGN KEY ("app_id") REFERENCES "catalog_apps" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "IDX_913ee7e17f0b871a67f1305969" ON "feeds" ("next_check_at") `);
    await db.query(`CREATE TABLE "feed_items" ("app_id" varchar(64) NOT NULL, "item_hash" varchar(64) NOT NULL, "last_seen_at" datetime NOT NULL, CONSTRAINT "FK_383160b6da57029993b9b785dbc" FOREIGN KEY ("app_id") REFERENCES "feeds" ("app_id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("app_id", "item_hash"))`);
    await db.query(`CREATE INDEX "IDX_f09e35a8bd2cf223fd2df843c1" ON "feed_items" ("last_seen_at") `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "IDX_f09e35a8bd2cf223fd2df843c1"`);
    await db.query(`DROP TABLE "feed_items"`);
    await db.query(`DROP INDEX "IDX_913ee7e17f0b871a67f1305969"`);
    await db.query(`DROP TABLE "feeds"`);
    await db.query(`ALTER TABLE "catalog_apps" DROP COLUMN "feed_url"`);
  }
}
