import type { MigrationInterface, QueryRunner } from 'typeorm';

// The form now asks which of the person's apps a ticket is about (a list, stored as the ticket's
// app), so the seeded free-text "Which app?" field goes — only where an administrator left it as seeded.
const SOFTWARE_CATEGORY = 'b7f0c1a2-0003-4c3e-9a51-5e0a11c0de03';
const SEEDED_FIELDS = JSON.stringify([{ key: 'app', label: 'Which app?', type: 'text', required: false }]);

export class SupportAppChoice1796700000000 implements MigrationInterface {
  name = 'SupportAppChoice1796700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE "support_categories" SET "fields" = $1 WHERE "id" = $2 AND "fields" = $3`, ['[]', SOFTWARE_CATEGORY, SEEDED_FIELDS]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE "support_categories" SET "fields" = $1 WHERE "id" = $2 AND "fields" = $3`, [SEEDED_FIELDS, SOFTWARE_CATEGORY, '[]']);
  }
}
