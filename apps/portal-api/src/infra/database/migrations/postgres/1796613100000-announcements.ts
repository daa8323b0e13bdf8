import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Announcements1796613100000 implements MigrationInterface {
  name = 'Announcements1796613100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "announcements" ("id" character varying(36) NOT NULL, "title" character varying(160) NOT NULL, "body" text NOT NULL, "everyone" boolean NOT NULL DEFAULT true, "publish_at" TIMESTAMP NOT NULL, "expires_at" TIMESTAMP, "pinned" boolean NOT NULL DEFAULT false, "image_version" character varying(16), "image_alt" character varying(300) NOT NULL DEFAULT '', "author_id" character varying(36), "author_name" character varying(120) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_b3ad760876ff2e19d58e05dc8b0" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_82e2c00c9cdcf12e9eb49b47f7" ON "announcements" ("publish_at") `);
    await db.query(`CREATE TABLE "announcement_groups" ("announcement_id" character varying(36) NOT NULL, "group_id" character varying(36) NOT NULL, CONSTRAINT "PK_c0ea9343cbc90b3e5d8dcba5e90" PRIMARY KEY ("announcement_id", "group_id"))`);
    await db.query(`CREATE INDEX "IDX_3bdfd05238bc67934f550d2789" ON "announcement_groups" ("group_id") `);
    await db.query(`CREATE TABLE "announcement_images" ("announcement_id" character varying(36) NOT NULL, "content_type" character varying(40) NOT NULL, "data_base64" text NOT NULL, CONSTRAINT "PK_e29b456d3353d0920d0444ce512" PRIMARY KEY ("announcement_id"))`);
    await db.query(`ALTER TABLE "announcement_groups" ADD CONSTRAINT "FK_ac9d495799b3ba4ff0a52dfa796" FOREIGN KEY ("announcement_id") REFERENCES "announcements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "announcement_groups" ADD CONSTRAINT "FK_3bdfd05238bc67934f550d2789a" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "announcement_images" ADD CONSTRAINT "FK_e29b456d3353d0920d0444ce512" FOREIGN KEY ("announcement_id") REFERENCES "announcements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "announcement_images" DROP CONSTRAINT "FK_e29b456d3353d0920d0444ce512"`);
    await db.query(`ALTER TABLE "announcement_groups" DROP CONSTRAINT "FK_3bdfd05238bc67934f550d2789a"`);
    await db.query(`ALTER TABLE "announcement_groups" DROP CONSTRAINT "FK_ac9d495799b3ba4ff0a52dfa796"`);
    await db.query(`DROP TABLE "announcement_images"`);
    await db.query(`DROP TABLE "announcement_groups"`);
    await db.query(`DROP TABLE "announcements"`);
  }
}
