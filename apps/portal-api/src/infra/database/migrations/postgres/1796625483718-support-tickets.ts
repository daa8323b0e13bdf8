import type { MigrationInterface, QueryRunner } from 'typeorm';

// Default categories are seeded here, once.
// Categories people can pick on the first day; administrators rename, archive or add their own.
const SEED_CATEGORIES: Array<[string, string, string, string, string, number]> = [
  ['b7f0c1a2-0001-4c3e-9a51-5e0a11c0de01', 'Access and sign-in', 'Password, authenticator, an app that refuses you', '[]', 'high', 0],
  ['b7f0c1a2-0002-4c3e-9a51-5e0a11c0de02', 'Hardware', 'Computer, phone, printer, screen', '[]', 'normal', 1],
  [
    'b7f0c1a2-0003-4c3e-9a51-5e0a11c0de03',
    'Software and apps',
    'An app that fails, something to install',
    JSON.stringify([{ key: 'app', label: 'Which app?', type: 'text', required: false }]),
    'normal',
    2,
  ],
  ['b7f0c1a2-0004-4c3e-9a51-5e0a11c0de04', 'Other', 'Anything else', '[]', 'normal', 3],
];

async function seedCategories(db: QueryRunner, now: string): Promise<void> {
  for (const [id, name, description, fields, urgency, position] of SEED_CATEGORIES) {
    await db.query(`INSERT INTO "support_categories" ("id", "name", "description", "fields", "default_urgency", "archived", "position", "created_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [id, name, description, fields, urgency, false, position, now]);
  }
}

export class SupportTickets1796625483718 implements MigrationInterface {
  name = 'SupportTickets1796625483718';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "support_canned_replies" ("id" character varying(36) NOT NULL, "title" character varying(80) NOT NULL, "body" text NOT NULL, "created_by" character varying(36), "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_a773a1ae6c2d0119a867bd45d34" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "support_categories" ("id" character varying(36) NOT NULL, "name" character varying(80) NOT NULL, "description" character varying(300) NOT NULL DEFAULT '', "fields" text NOT NULL DEFAULT '[]', "default_urgency" character varying(16) NOT NULL DEFAULT 'normal', "archived" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_615f435a6a4d969d36eb75221bb" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "support_settings" ("id" character varying(16) NOT NULL, "sla" text NOT NULL, "reopen_days" integer NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_d0fc942e9152aa165b56a2bd083" PRIMARY KEY ("id"))`);
    await db.query(`CREATE TABLE "tickets" ("id" character varying(36) NOT NULL, "number" integer NOT NULL, "requester_id" character varying(36) NOT NULL, "category_id" character varying(36), "subject" character varying(160) NOT NULL, "description" text NOT NULL, "urgency" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "assignee_id" character varying(36), "app_id" character varying(64), "context" text NOT NULL DEFAULT '{}', "fields" text NOT NULL DEFAULT '{}', "request_id" character varying(100) NOT NULL, "merged_into_id" character varying(36), "first_response_at" TIMESTAMP, "resolved_at" TIMESTAMP, "closed_at" TIMESTAMP, "first_response_due_at" TIMESTAMP, "resolution_due_at" TIMESTAMP, "requester_seen_at" TIMESTAMP, "support_seen_at" TIMESTAMP, "requester_activity_at" TIMESTAMP, "support_activity_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "UQ_78e08cc1101fc17f77c6f11b4c7" UNIQUE ("number"), CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "IDX_32a7f0e4e32a46a094b55f7c25" ON "tickets" ("category_id") `);
    await db.query(`CREATE INDEX "IDX_dff6e2b44c9b5e177114588772" ON "tickets" ("assignee_id") `);
    await db.query(`CREATE INDEX "IDX_919f5ad99f4778e62712060bd5" ON "tickets" ("app_id") `);
    await db.query(`CREATE INDEX "IDX_98e9aa8c83c40b773a9df65597" ON "tickets" ("first_response_due_at") `);
    await db.query(`CREATE INDEX "IDX_65906788ccae62171eecf454ac" ON "tickets" ("resolution_due_at") `);
    await db.query(`CREATE INDEX "idx_tickets_requester_updated" ON "tickets" ("requester_id", "updated_at") `);
    await db.query(`CREATE INDEX "idx_tickets_status_created" ON "tickets" ("status", "created_at") `);
    await db.query(`CREATE UNIQUE INDEX "idx_tickets_requester_request" ON "tickets" ("requester_id", "request_id") `);
    await db.query(`CREATE TABLE "ticket_messages" ("id" character varying(36) NOT NULL, "ticket_id" character varying(36) NOT NULL, "author_id" character varying(36), "kind" character varying(16) NOT NULL, "from_support" boolean NOT NULL DEFAULT false, "body" text NOT NULL, "event" text, "created_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_37beb692dedf7eccb4e519ccec1" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "idx_ticket_messages_author" ON "ticket_messages" ("author_id", "created_at") `);
    await db.query(`CREATE INDEX "idx_ticket_messages_ticket" ON "ticket_messages" ("ticket_id", "created_at") `);
    await db.query(`ALTER TABLE "ticket_messages" ADD CONSTRAINT "FK_75b3a5f421dbf7b73778da519cb" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await seedCategories(db, new Date().toISOString());
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "ticket_messages" DROP CONSTRAINT "FK_75b3a5f421dbf7b73778da519cb"`);
    await db.query(`DROP INDEX "public"."idx_ticket_messages_ticket"`);
    await db.query(`DROP INDEX "public"."idx_ticket_messages_author"`);
    await db.query(`DROP TABLE "ticket_messages"`);
    await db.query(`DROP INDEX "public"."idx_tickets_requester_request"`);
    await db.query(`DROP INDEX "public"."idx_tickets_status_created"`);
    await db.query(`DROP INDEX "public"."idx_tickets_requester_updated"`);
    await db.query(`DROP INDEX "public"."IDX_65906788ccae62171eecf454ac"`);
    await db.query(`DROP INDEX "public"."IDX_98e9aa8c83c40b773a9df65597"`);
    await db.query(`DROP INDEX "public"."IDX_919f5ad99f4778e62712060bd5"`);
    await db.query(`DROP INDEX "public"."IDX_dff6e2b44c9b5e177114588772"`);
    await db.query(`DROP INDEX "public"."IDX_32a7f0e4e32a46a094b55f7c25"`);
    await db.query(`DROP TABLE "tickets"`);
    await db.query(`DROP TABLE "support_settings"`);
    await db.query(`DROP TABLE "support_categories"`);
    await db.query(`DROP TABLE "support_canned_replies"`);
  }
}
