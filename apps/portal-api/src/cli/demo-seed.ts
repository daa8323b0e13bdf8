import type { INestApplicationContext } from '@nestjs/common';
import { AccountsService } from '../app/accounts/accounts.service';
import { CLI_CONTEXT } from '../app/http/request-context';
import { InstanceService } from '../app/instance/instance.service';
import { SetupService } from '../app/setup/setup.service';

/** Shared by every demo account; printed by `npm run demo`. Demo data only — never production. */
export const DEMO_PASSWORD = 'passerelle-demo';
export const DEMO_ORGANISATION = 'Atelier Lumière SA';

const PEOPLE: Array<{ email: string; name: string; groups: string[]; admin?: boolean; locale: 'fr' | 'en' }> = [
  { email: 'julien.favre@atelier-lumiere.example', name: 'Julien Favre', groups: ['IT', 'Everyone'], admin: true, locale: 'fr' },
  { email: 'claire.dubois@atelier-lumiere.example', name: 'Claire Dubois', groups: ['Direction', 'Everyone'], locale: 'fr' },
  { email: 'thomas.muller@atelier-lumiere.example', name: 'Thomas Müller', groups: ['Finance', 'Everyone'], locale: 'fr' },
  { email: 'amina.benali@atelier-lumiere.example', name: 'Amina Benali', groups: ['Design', 'Everyone'], locale: 'fr' },
  { email: 'lucas.rochat@atelier-lumiere.example', name: 'Lucas Rochat', groups: ['Production', 'Everyone'], locale: 'fr' },
  { email: 'sophie.girard@atelier-lumiere.example', name: 'Sophie Girard', groups: ['Production', 'Everyone'], locale: 'fr' },
  { email: 'emma.schneider@atelier-lumiere.example', name: 'Emma Schneider', groups: ['Finance', 'Everyone'], locale: 'en' },
  { email: 'noah.keller@atelier-lumiere.example', name: 'Noah Keller', groups: ['Design', 'Everyone'], locale: 'en' },
];

/** Adds the demo organisation, its people and groups. Safe to run twice: existing people are kept. */
export async function seedDemo(app: INestApplicationContext): Promise<{ organisation: string; created: string[]; kept: string[]; password: string; message: string }> {
  const accounts = app.get(AccountsService);
  const instance = app.get(InstanceService);
  const created: string[] = [];
  const kept: string[] = [];
  if (await instance.setupRequired()) await instance.setOrganisationName(DEMO_ORGANISATION);
  for (const person of PEOPLE) {
    if (await accounts.findByEmailOrId(person.email)) {
      kept.push(person.email);
      continue;
    }
    await accounts.createUser(
      { email: person.email, name: person.name, groups: person.groups, isAdmin: person.admin ?? false, password: DEMO_PASSWORD, locale: person.locale },
      'demo-seed',
      CLI_CONTEXT,
    );
    created.push(person.email);
  }
  await app.get(SetupService).closeFirstAdminLinks();
  const admin = PEOPLE.find((p) => p.admin);
  const message = [
    `Demo workspace "${await instance.organisationName()}": ${created.length} people added, ${kept.length} already there.`,
    `IT administrator: ${admin?.email}`,
    `Every demo account's password: ${DEMO_PASSWORD}`,
  ].join('\n');
  return { organisation: await instance.organisationName(), created, kept, password: DEMO_PASSWORD, message };
}
