import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated, then written as one step per table: the foreign key is created with its table instead
// of by rebuilding it (what TypeORM's SQLite generator does); the schema is the same. Default
// categories are seeded here, once.
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
    await db.query(`INSERT INTO "support_categories" ("id", "name", "description", "fields", "default_urgency", "archived", "position", "created_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [id, name, description, fields, urgency, 0, position, now]);
  }
}

export class SupportTickets1796625483718 implements MigrationInterface {
  name = 'SupportTickets1796625483718';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE "support_canned_replies" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(80) NOT NULL, "body" text NOT NULL, "created_by" varchar(36), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await db.query(`CREATE TABLE "support_categories" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(80) NOT NULL, "description" varchar(300) NOT NULL DEFAULT (''), "fields" text NOT NULL DEFAULT ('[]'), "default_urgency" varchar(16) NOT NULL DEFAULT ('normal'), "archived" boolean NOT NULL DEFAULT (0), "position" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL)`);
    await db.query(`CREATE TABLE "support_settings" ("id" varchar(16) PRIMARY KEY NOT NULL, "sla" text NOT NULL, "reopen_days" integer NOT NULL, "updated_at" datetime NOT NULL)`);
    await db.query(`CREATE TABLE "tickets" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" integer NOT NULL, "requester_id" varchar(36) NOT NULL, "category_id" varchar(36), "subject" varchar(160) NOT NULL, "description" text NOT NULL, "urgency" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "assignee_id" varchar(36), "app_id" varchar(64), "context" text NOT NULL DEFAULT ('{}'), "fields" text NOT NULL DEFAULT ('{}'), "request_id" varchar(100) NOT NULL, "merged_into_id" varchar(36), "first_response_at" datetime, "resolved_at" datetime, "closed_at" datetime, "first_response_due_at" datetime, "resolution_due_at" datetime, "requester_seen_at" datetime, "support_seen_at" datetime, "requester_activity_at" datetime, "support_activity_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "UQ_78e08cc1101fc17f77c6f11b4c7" UNIQUE ("number"))`);
    await db.query(`CREATE INDEX "IDX_32a7f0e4e32a46a094b55f7c25" ON "tickets" ("category_id") `);
    await db.query(`CREATE INDEX "IDX_dff6e2b44c9b5e177114588772" ON "tickets" ("assignee_id") `);
    await db.query(`CREATE INDEX "IDX_919f5ad99f4778e62712060bd5" ON "tickets" ("app_id") `);
    await db.query(`CREATE INDEX "IDX_98e9aa8c83c40b773a9df65597" ON "tickets" ("first_response_due_at") `);
    await db.query(`CREATE INDEX "IDX_65906788ccae62171eecf454ac" ON "tickets" ("resolution_due_at") `);
    await db.query(`CREATE INDEX "idx_tickets_requester_updated" ON "tickets" ("requester_id", "updated_at") `);
    await db.query(`CREATE INDEX "idx_tickets_status_created" ON "tickets" ("status", "created_at") `);
    await db.query(`CREATE UNIQUE INDEX "idx_tickets_requester_request" ON "tickets" ("requester_id", "request_id") `);
    await db.query(`CREATE TABLE "ticket_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "ticket_id" varchar(36) NOT NULL, "author_id" varchar(36), "kind" varchar(16) NOT NULL, "from_support" boolean NOT NULL DEFAULT (0), "body" text NOT NULL, "event" text, "created_at" datetime NOT NULL, CONSTRAINT "FK_75b3a5f421dbf7b73778da519cb" FOREIGN KEY ("ticket_id") REFERENCES "tickets" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "idx_ticket_messages_author" ON "ticket_messages" ("author_id", "created_at") `);
    await db.query(`CREATE INDEX "idx_ticket_messages_ticket" ON "ticket_messages" ("ticket_id", "created_at") `);
    await seedCategories(db, new Date().toISOString().replace('T', ' ').replace('Z', ''));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "idx_ticket_messages_ticket"`);
    await db.query(`DROP INDEX "idx_ticket_messages_author"`);
    await db.query(`DROP TABLE "ticket_messages"`);
    await db.query(`DROP INDEX "idx_tickets_requester_request"`);
    await db.query(`DROP INDEX "idx_tickets_status_created"`);
    await db.query(`DROP INDEX "idx_tickets_requester_updated"`);
    await db.query(`DROP INDEX "IDX_65906788ccae62171eecf454ac"`);
    await db.query(`DROP INDEX "IDX_98e9aa8c83c40b773a9df65597"`);
    await db.query(`DROP INDEX "IDX_919f5ad99f4778e62712060bd5"`);
    await db.query(`DROP INDEX "IDX_dff6e2b44c9b5e177114588772"`);
    await db.query(`DROP INDEX "IDX_32a7f0e4e32a46a094b55f7c25"`);
    await db.query(`DROP TABLE "tickets"`);
    await db.query(`DROP TABLE "support_settings"`);
    await db.query(`DROP TABLE "support_categories"`);
    await db.query(`DROP TABLE "support_canned_replies"`);
  }
}
