import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalog1795453877741 implements MigrationInterface {
  name = 'Catalog1795453877741';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "catalog_sections" ("id" character varying(36) NOT NULL, "name" character varying(60) NOT NULL, "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "UQ_adc33870f6260bdcfccab22ef09" UNIQUE ("name"), CONSTRAINT "PK_30e49e1a820bebdaa271c8b502e" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "catalog_apps" ("id" character varying(64) NOT NULL, "name" character varying(80) NOT NULL, "description" character varying(200) NOT NULL DEFAULT '', "launch_url" character varying(2000) NOT NULL, "initiate_login_uri" character varying(2000), "client_id" character varying(64), "section_id" character varying(36), "visibility" character varying(16) NOT NULL DEFAULT 'groups', "health_url" character varying(2000), "requestable" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', "icon_version" character varying(64), "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_cd5480be0e31e9cb0a20856c9f3" PRIMARY KEY ("id"))`);
    await db.query(`CREATE UNIQUE INDEX "IDX_7603790a40e6ab980895897f09" ON "catalog_apps" ("client_id") `);
    await db.query(`CREATE TABLE "access_requests" ("id" character varying(36) NOT NULL, "app_id" character varying(64) NOT NULL, "user_id" character varying(36) NOT NULL, "reason" character varying(500) NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP NOT NULL, "decided_at" TIMESTAMP, "decided_by" character varying(64), "note" character varying(500), CONSTRAINT "PK_f89e51c15e3dbea13aa248fe128" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_19ca578e49d0392c2d2d27d160" ON "access_requests" ("user_id", "app_id") `);
    await db.query(`CREATE INDEX "IDX_b7bc7cbeaba406b4b163d14413" ON "access_requests" ("status", "created_at") `);
    await db.query(`CREATE TABLE "app_grants" ("app_id" character varying(64) NOT NULL, "user_id" character varying(36) NOT NULL, "granted_by" character varying(64), "granted_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_4e5b071fdd3abb92b241191248f" PRIMARY KEY ("app_id", "user_id"))`);
    await db.query(`CREATE INDEX "IDX_eacf777e13f6f772464f5eb945" ON "app_grants" ("user_id") `);
    await db.query(`CREATE TABLE "catalog_app_groups" ("app_id" character varying(64) NOT NULL, "group_id" character varying(36) NOT NULL, CONSTRAINT "PK_991a21255d6751d865c855a1215" PRIMARY KEY ("app_id", "group_id"))`);
    await db.query(`CREATE INDEX "IDX_c5c31c54692ae18fce44f27b8b" ON "catalog_app_groups" ("group_id") `);
    await db.query(`CREATE TABLE "catalog_app_icons" ("app_id" character varying(64) NOT NULL, "content_type" character varying(40) NOT NULL, "data_base64" text NOT NULL, CONSTRAINT "PK_5fda98f30cb5a1f641080663b3c" PRIMARY KEY ("app_id"))`);
    await db.query(`CREATE TABLE "user_app_preferences" ("user_id" character varying(36) NOT NULL, "app_id" character varying(64) NOT NULL, "pin_position" integer, "last_launched_at" TIMESTAMP, CONSTRAINT "PK_bc4250486afec8500430aead885" PRIMARY KEY ("user_id", "app_id"))`);
    await db.query(`ALTER TABLE "oidc_clients" ADD "catalog_managed" boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE "catalog_apps" ADD CONSTRAINT "FK_7603790a40e6ab980895897f097" FOREIGN KEY ("client_id") REFERENCES "oidc_clients"("client_id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "catalog_apps" ADD CONSTRAINT "FK_5217ecf6d98dffd322174126b69" FOREIGN KEY ("section_id") REFERENCES "catalog_sections"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "access_requests" ADD CONSTRAINT "FK_2a4dfe981960967411b3843b5a4" FOREIGN KEY ("app_id") REFERENCES "catalog_apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "access_requests" ADD CONSTRAINT "FK_2ac9d8f34e67c1f029d11a27027" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "app_grants" ADD CONSTRAINT "FK_6fa570e15e8f6b9bfb732de7613" FOREIGN KEY ("app_id") REFERENCES "catalog_apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "app_grants" ADD CONSTRAINT "FK_eacf777e13f6f772464f5eb9457" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "catalog_app_groups" ADD CONSTRAINT "FK_a3bc0b1a3d669f4dce046e6fb7a" FOREIGN KEY ("app_id") REFERENCES "catalog_apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "catalog_app_groups" ADD CONSTRAINT "FK_c5c31c54692ae18fce44f27b8b3" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "catalog_app_icons" ADD CONSTRAINT "FK_5fda98f30cb5a1f641080663b3c" FOREIGN KEY ("app_id") REFERENCES "catalog_apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "user_app_preferences" ADD CONSTRAINT "FK_4a1189107c3b6ece48f598c7a83" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`ALTER TABLE "user_app_preferences" ADD CONSTRAINT "FK_e608dd9c38391b19e15011844db" FOREIGN KEY ("app_id") REFERENCES "catalog_apps"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "user_app_preferences" DROP CONSTRAINT "FK_e608dd9c38391b19e15011844db"`);
    await db.query(`ALTER TABLE "user_app_preferences" DROP CONSTRAINT "FK_4a1189107c3b6ece48f598c7a83"`);
    await db.query(`ALTER TABLE "catalog_app_icons" DROP CONSTRAINT "FK_5fda98f30cb5a1f641080663b3c"`);
    await db.query(`ALTER TABLE "catalog_app_groups" DROP CONSTRAINT "FK_c5c31c54692ae18fce44f27b8b3"`);
    await db.query(`ALTER TABLE "catalog_app_groups" DROP CONSTRAINT "FK_a3bc0b1a3d669f4dce046e6fb7a"`);
    await db.query(`ALTER TABLE "app_grants" DROP CONSTRAINT "FK_eacf777e13f6f772464f5eb9457"`);
    await db.query(`ALTER TABLE "app_grants" DROP CONSTRAINT "FK_6fa570e15e8f6b9bfb732de7613"`);
    await db.query(`ALTER TABLE "access_requests" DROP CONSTRAINT "FK_2ac9d8f34e67c1f029d11a27027"`);
    await db.query(`ALTER TABLE "access_requests" DROP CONSTRAINT "FK_2a4dfe981960967411b3843b5a4"`);
    await db.query(`ALTER TABLE "catalog_apps" DROP CONSTRAINT "FK_5217ecf6d98dffd322174126b69"`);
    await db.query(`ALTER TABLE "catalog_apps" DROP CONSTRAINT "FK_7603790a40e6ab980895897f097"`);
    await db.query(`ALTER TABLE "oidc_clients" DROP COLUMN "catalog_managed"`);
    await db.query(`DROP TABLE "user_app_preferences"`);
    await db.query(`DROP TABLE "catalog_app_icons"`);
    await db.query(`DROP INDEX "public"."IDX_c5c31c54692ae18fce44f27b8b"`);
    await db.query(`DROP TABLE "catalog_app_groups"`);
    await db.query(`DROP INDEX "public"."IDX_eacf777e13f6f772464f5eb945"`);
    await db.query(`DROP TABLE "app_grants"`);
    await db.query(`DROP INDEX "public"."IDX_b7bc7cbeaba406b4b163d14413"`);
    await db.query(`DROP INDEX "public"."IDX_19ca578e49d0392c2d2d27d160"`);
    await db.query(`DROP TABLE "access_requests"`);
    await db.query(`DROP INDEX "public"."IDX_7603790a40e6ab980895897f09"`);
    await db.query(`DROP TABLE "catalog_apps"`);
    await db.query(`DROP TABLE "catalog_sections"`);
  }
}
