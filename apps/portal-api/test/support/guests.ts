import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import * as client from 'openid-client';
import { GuestRoutes, type GuestList, type GuestView, type InviteGuestRequest, type InviteGuestResponse } from '@passerelle/contracts';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../../src/app/accounts/entities/user.entity';
import { AuditEventEntity } from '../../src/app/audit/entities/audit-event.entity';
import { GuestLifecycleService } from '../../src/app/guests/guest-lifecycle.service';
import { Clock } from '../../src/infra/clock';
import { OutboxMailEntity } from '../../src/infra/mail/entities/outbox-mail.entity';
import { signedInBrowser } from './catalog-rows';
import { Browser, createPerson, uniqueEmail, type Authenticator, type Person } from './oidc-rp';
import { postJson, tokenOf, type TestPortal } from './test-portal';

/**
 * Guests driven as IT and the guest would: invitations through the HTTP API as a signed-in
 * administrator (or sponsor), acceptance through the activation endpoint, and a clock the spec
 * moves. Sign-ins go through the real interaction (TOTP enrolment included).
 */

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The portal's clock, moved by the spec. It keeps running (real time plus an offset), so what
 * oidc-provider dates with its own clock (token `exp`, the authenticator's codes) stays coherent
 * with what Passerelle dates with the injected one as long as the offset is 0 at sign-in.
 * Install it inside a spec or a beforeEach/beforeAll (it is a Jasmine spy).
 */
export class PortalClock {
  private offsetMs = 0;

  constructor(portal: TestPortal) {
    spyOn(portal.app.get(Clock), 'now').and.callFake(() => this.now());
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** From now on the portal's time is `at` (and keeps running from there). */
  set(at: Date | number): void {
    this.offsetMs = new Date(at).getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Back to real time. */
  reset(): void {
    this.offsetMs = 0;
  }
}

export function iso(at: Date | number): string {
  return new Date(at).toISOString();
}

/** A signed-in administrator's browser (real sign-in, TOTP enrolment included). */
export async function adminBrowser(portal: TestPortal, name = 'Irène Admin'): Promise<{ person: Person; browser: Browser; authenticator: Authenticator }> {
  const person = await createPerson(portal.app, { isAdmin: true, name });
  const { browser, authenticator } = await signedInBrowser(portal.url, person);
  return { person, browser, authenticator };
}

export interface InvitedGuest {
  id: string;
  email: string;
  name: string;
  invitationLink: string;
  response: InviteGuestResponse;
}

/** Invites through POST /api/guests and expects it to work. */
export async function inviteGuest(browser: Browser, input: Partial<InviteGuestRequest> & { endsAt: string }): Promise<InvitedGuest> {
  const body: InviteGuestRequest = { email: uniqueEmail('guest'), name: 'Gaston Lagaffe', company: 'Freelance SARL', ...input };
  const response = await browser.postJson(GuestRoutes.guests, body);
  if (response.status !== 201) throw new Error(`POST ${GuestRoutes.guests} → ${response.status} ${response.text}`);
  const invited = response.json() as InviteGuestResponse;
  return { id: invited.guest.id, email: invited.guest.email, name: invited.guest.name, invitationLink: invited.invitationLink, response: invited };
}

/** The guest opens the invitation link and chooses a password; returns the response of the activation endpoint. */
export function acceptInvitation(portal: TestPortal, link: string, password: string): Promise<{ status: number; body: { code?: string; message?: string; email?: string } }> {
  return postJson(portal.at('/api/setup/activate'), { token: tokenOf(link), password });
}

/** Invites and accepts: a guest who can sign in (their first sign-in enrols an authenticator). */
export async function acceptedGuest(portal: TestPortal, browser: Browser, input: Partial<InviteGuestRequest> & { endsAt: string }): Promise<InvitedGuest & Person> {
  const invited = await inviteGuest(browser, input);
  const password = `guest-${randomBytes(9).toString('base64url')}`;
  const accepted = await acceptInvitation(portal, invited.invitationLink, password);
  if (accepted.status !== 200) throw new Error(`activation → ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { ...invited, password };
}

export async function listGuests(browser: Browser, query: { filter?: string; search?: string } = {}): Promise<GuestList> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as Array<[string, string]>);
  const response = await browser.get(`${GuestRoutes.guests}?${params}`);
  if (response.status !== 200) throw new Error(`GET ${GuestRoutes.guests} → ${response.status} ${response.text}`);
  return response.json() as GuestList;
}

export async function getGuest(browser: Browser, id: string): Promise<GuestView> {
  const response = await browser.get(GuestRoutes.guest(id));
  if (response.status !== 200) throw new Error(`GET ${GuestRoutes.guest(id)} → ${response.status} ${response.text}`);
  return response.json() as GuestView;
}

/** Mails in the outbox to this address, oldest first. */
export async function mailsTo(dataSource: DataSource, email: string): Promise<OutboxMailEntity[]> {
  const mails = await dataSource.getRepository(OutboxMailEntity).findBy({ toAddress: email });
  return mails.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** The first https?:// link in a mail's text. */
export function linkIn(text: string): string | undefined {
  return /https?:\/\/\S+/.exec(text)?.[0];
}

export async function auditOf(dataSource: DataSource, type: string, subject?: string): Promise<AuditEventEntity[]> {
  return dataSource.getRepository(AuditEventEntity).findBy(subject === undefined ? { type } : { type, subject });
}

export function userRow(dataSource: DataSource, id: string): Promise<UserEntity | null> {
  return dataSource.getRepository(UserEntity).findOneBy({ id });
}

export function sweep(app: INestApplication) {
  return app.get(GuestLifecycleService).sweep();
}

/** The refusal `work` ends with (fails the spec when it succeeds). */
export async function refusalOf(work: Promise<unknown>): Promise<unknown> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).withContext('expected a refusal').toBeDefined();
  return error;
}

/** The token endpoint's OAuth error code (e.g. invalid_grant) for a refused grant. */
export async function tokenErrorOf(work: Promise<unknown>): Promise<string | undefined> {
  const error = await refusalOf(work);
  expect(error).toEqual(jasmine.any(client.ResponseBodyError));
  return (error as client.ResponseBodyError).error;
}

/** The HTTP status of a refused userinfo call. */
export async function userinfoStatusOf(work: Promise<unknown>): Promise<number | undefined> {
  const error = await refusalOf(work);
  expect(error).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
  return (error as client.WWWAuthenticateChallengeError).response?.status;
}

/** Waits (a few seconds at most) until `condition` holds. */
export async function eventually(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
