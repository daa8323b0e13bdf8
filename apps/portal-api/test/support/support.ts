import { randomUUID } from 'node:crypto';
import { SupportRoutes, type CreateTicketRequest, type SupportCategory, type SupportFormOptions } from '@passerelle/contracts';
import { UserEntity } from '../../src/app/accounts/entities/user.entity';
import { SupportJobs } from '../../src/app/support/support-jobs';
import { signedInBrowser } from './catalog-rows';
import { createPerson, type Browser, type BrowserResponse, type Person } from './oidc-rp';
import type { TestPortal } from './test-portal';

/**
 * Support tickets driven as people would: signed-in browsers (real sign-in, TOTP enrolment
 * included) for a requester, an agent (the `support` permission) and an administrator, and
 * `fileTicket` with sensible defaults.
 */

export interface SignedIn {
  person: Person;
  browser: Browser;
}

/** A signed-in person; `support: true` gives them the support permission first. */
export async function supportUser(portal: TestPortal, input: { name?: string; isAdmin?: boolean; support?: boolean; guest?: boolean } = {}): Promise<SignedIn> {
  const person = await createPerson(portal.app, { name: input.name, isAdmin: input.isAdmin });
  const users = portal.dataSource.getRepository(UserEntity);
  if (input.support) await users.update({ id: person.id }, { permissions: ['support'] });
  if (input.guest) await users.update({ id: person.id }, { kind: 'guest', accessStartsAt: new Date(Date.now() - 60_000), accessEndsAt: new Date(Date.now() + 30 * 86_400_000) });
  const { browser } = await signedInBrowser(portal.url, person);
  return { person, browser };
}

export async function formOptions(browser: Browser): Promise<SupportFormOptions> {
  const response = await browser.get(SupportRoutes.options);
  if (response.status !== 200) throw new Error(`GET ${SupportRoutes.options} → ${response.status} ${response.text}`);
  return response.json() as SupportFormOptions;
}

/** A category without required fields (the seeded "Hardware"). */
export async function plainCategory(browser: Browser): Promise<SupportCategory> {
  const categories = (await formOptions(browser)).categories;
  return categories.find((c) => c.fields.every((f) => !f.required)) ?? categories[0];
}

/** POSTs a ticket (defaults: a fresh requestId, a plain category, normal urgency); returns the raw response. */
export async function fileTicket(browser: Browser, input: Partial<CreateTicketRequest> = {}): Promise<BrowserResponse> {
  const body: CreateTicketRequest = {
    requestId: randomUUID(),
    categoryId: input.categoryId ?? (await plainCategory(browser)).id,
    subject: 'The printer on floor 2 prints blank pages',
    description: 'Since this morning, every page comes out blank.',
    urgency: 'normal',
    ...input,
  };
  return browser.postJson(SupportRoutes.tickets, body);
}

/** Files a ticket and expects 201; returns the ticket view. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function filed(browser: Browser, input: Partial<CreateTicketRequest> = {}): Promise<any> {
  const response = await fileTicket(browser, input);
  if (response.status !== 201) throw new Error(`POST ${SupportRoutes.tickets} → ${response.status} ${response.text}`);
  return response.json().ticket;
}

export function request(browser: Browser, method: string, path: string, json?: unknown): Promise<BrowserResponse> {
  return browser.request(path, { method, ...(json !== undefined ? { json } : {}) });
}

export function closeResolvedTickets(portal: TestPortal): Promise<{ closed: number }> {
  return portal.app.get(SupportJobs).closeResolved();
}
