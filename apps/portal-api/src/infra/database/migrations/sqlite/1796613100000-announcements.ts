import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated, then written as one step per table: the foreign keys are created with the tables
// instead of by rebuilding them (what TypeORM's SQLite generator does); the schema is the same.
export class Announcements1796613100000 implements MigrationInterface {
  name = 'Announcements1796613100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "announcements" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(160) NOT NULL, "body" text NOT NULL, "everyone" boolean NOT NULL DEFAULT (1), "publish_at" datetime NOT NULL, "expires_at" datetime, "pinned" boolean NOT NULL DEFAULT (0), "image_version" varchar(16), "image_alt" varchar(300) NOT NULL DEFAULT (''), "author_id" varchar(36), "author_name" varchar(120) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
    await db.query(`CREATE INDEX "IDX_82e2c00c9cdcf12e9eb49b47f7" ON "announcements" ("publish_at") `);
    await db.query(`CREATE TABLE "announcement_groups" ("announcement_id" varchar(36) NOT NULL, "group_id" varchar(36) NOT NULL, CONSTRAINT "FK_ac9d495799b3ba4ff0a52dfa796" FOREIGN KEY ("announcement_id") REFERENCES "announcements" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3bdfd05238bc67934f550d2789a" FOREIGN KEY ("group_id") REFERENCES "groups" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("announcement_id", "group_id"))`);
    await db.query(`CREATE INDEX "IDX_3bdfd05238bc67934f550d2789" ON "announcement_groups" ("group_id") `);
    await db.query(`CREATE TABLE "announcement_images" ("announcement_id" varchar(36) PRIMARY KEY NOT NULL, "content_type" varchar(40) NOT NULL, "data_base64" text NOT NULL, CONSTRAINT "FK_e29b456d3353d0920d0444ce512" FOREIGN KEY ("announcement_id") REFERENCES "announcements" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "announcement_images"`);
    await db.query(`DROP INDEX "IDX_3bdfd05238bc67934f550d2789"`);
    await db.query(`DROP TABLE "announcement_groups"`);
    await db.query(`DROP INDEX "IDX_82e2c00c9cdcf12e9eb49b47f7"`);
    await db.query(`DROP TABLE "announcements"`);
  }
}
