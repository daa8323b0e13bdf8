import type { BulkGuestResponse, GuestList, GuestOptions, GuestView, InviteGuestRequest } from '@passerelle/contracts';
import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { OutboxMailEntity } from '../../../src/infra/mail/entities/outbox-mail.entity';
import { createCatalogApp, createGroup } from '../../support/catalog';
import { addApp, signedInBrowser, uniqueName } from '../../support/catalog-rows';
import {
  acceptedGuest,
  acceptInvitation,
  adminBrowser,
  auditOf,
  DAY_MS,
  getGuest,
  HOUR_MS,
  inviteGuest,
  iso,
  linkIn,
  listGuests,
  mailsTo,
  PortalClock,
  userRow,
} from '../../support/guests';
import { Browser, createPerson, interactionUidOf, signInThroughInteraction, uniqueEmail, type Authenticator, type Person } from '../../support/oidc-rp';
import { checkLink, tokenOf, usePortal } from '../../support/test-portal';

/**
 * The guests API as IT and sponsors use it: every bad input refused with a clear message and
 * nothing half-created; invitation links (expired, reused, re-sent, cancelled); extend, shorten,
 * revoke, reactivate, bulk; the console's filters; and who may do what.
 */
describe('Guests admin API', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let admin: Browser;
  let sponsor: Person;
  let appId: string;

  beforeAll(async () => {
    admin = (await adminBrowser(portal)).browser;
    sponsor = await createPerson(portal.app, { name: 'Marie Sponsor' });
    appId = (await createCatalogApp(portal.app, { name: 'Wiki' })).id;
  });

  const patch = (browser: Browser, path: string, json: unknown) => browser.request(path, { method: 'PATCH', json });
  const del = (browser: Browser, path: string) => browser.request(path, { method: 'DELETE' });

  /** What an invitation would create: accounts, guests in the console, mails. */
  async function footprint() {
    const users = await admin.get('/api/admin/users?pageSize=1');
    return {
      users: users.json().total as number,
      userRows: await portal.dataSource.getRepository(UserEntity).count(),
      guests: (await listGuests(admin)).items.length,
      mails: await portal.dataSource.getRepository(OutboxMailEntity).count(),
    };
  }

  async function portalSignIn(person: { email: string; password: string; authenticator?: Authenticator }) {
    const browser = new Browser(portal.url);
    const { stoppedAt } = await browser.follow('/api/auth/sign-in');
    const uid = interactionUidOf(stoppedAt) as string;
    const response = await browser.postJson(`/interaction/${uid}/password`, { email: person.email, password: person.password });
    return { browser, response };
  }

  describe('bad input: a clear message, and nothing created', () => {
    let existingGuest: string;

    beforeAll(async () => {
      existingGuest = (await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) })).email;
    });

    function valid(): InviteGuestRequest {
      return { email: uniqueEmail('guest'), name: 'Gaston Lagaffe', sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS), apps: [appId] };
    }

    type Case = [string, Record<string, unknown>, number, string, RegExp];
    const cases = (): Case[] => {
      const now = Date.now();
      return [
        ['a start in the past', { startsAt: iso(now - DAY_MS) }, 400, 'startsAt', /can’t be in the past/],
        ['an end before the start', { startsAt: iso(now + 5 * DAY_MS), endsAt: iso(now + 2 * DAY_MS) }, 400, 'endsAt', /must come after the start/],
        ['an end in the past', { endsAt: iso(now - HOUR_MS) }, 400, 'endsAt', /must be in the future/],
        ['an end right now', { endsAt: iso(now) }, 400, 'endsAt', /must be in the future/],
        ['an end beyond the maximum', { endsAt: iso(now + 91 * DAY_MS) }, 400, 'endsAt', /at most 90 days: choose an end on or before \d{4}-\d{2}-\d{2}/],
        ['an end beyond the maximum after a later start', { startsAt: iso(now + 10 * DAY_MS), endsAt: iso(now + 101 * DAY_MS) }, 400, 'endsAt', /at most 90 days/],
        ['no end', { endsAt: undefined }, 400, 'endsAt', /./],
        ['an end that is not a date', { endsAt: 'next tuesday' }, 400, 'endsAt', /Enter a date like/],
        ['an end that is not on the calendar', { endsAt: '2027-02-30' }, 400, 'endsAt', /does not exist/],
        ['a time that does not exist', { endsAt: '2027-02-10T24:30:00Z' }, 400, 'endsAt', /./],
        ['an end that is a number', { endsAt: 20270331 }, 400, 'endsAt', /./],
        ['a start that is not a date', { startsAt: '31/03/2027' }, 400, 'startsAt', /Enter a date like/],
        ['an unknown sponsor', { sponsor: 'nobody@acme.test' }, 400, 'sponsor', /No active employee matches “nobody@acme.test”/],
        ['an app that does not exist', { apps: [appId, 'no-such-app'] }, 400, 'apps', /No app has the id “no-such-app”/],
        ['apps that are not a list', { apps: 'wiki' }, 400, 'apps', /list of app ids/],
        ['a company name too long', { company: 'x'.repeat(121) }, 400, 'company', /at most 120 characters/],
        ['a note too long', { note: 'x'.repeat(1001) }, 400, 'note', /at most 1000 characters/],
        ['a name too long', { name: 'x'.repeat(300) }, 400, 'name', /at most/],
        ['no name', { name: '  ' }, 400, 'name', /./],
        ['an email that is not one', { email: 'gaston-at-example' }, 400, 'email', /./],
        ['an unknown language', { locale: 'de' }, 400, 'locale', /fr or en/],
      ];
    };

    it('refuses each bad field with a 400 that names it', async () => {
      const before = await footprint();
      for (const [what, change, status, field, message] of cases()) {
        const body = { ...valid(), ...change };
        const response = await admin.postJson('/api/guests', body);
        expect(response.status).withContext(`${what}: ${response.text}`).toBe(status);
        const error = response.json();
        expect(error.code).withContext(what).toBe('validation_failed');
        expect(error.fields?.[field]?.[0]).withContext(`${what}: ${response.text}`).toMatch(message);
        expect(error.statusCode).withContext(what).toBe(status);
      }
      expect(await footprint()).toEqual(before);
    });

    it('names the latest possible end date', async () => {
      const now = Date.now();
      const response = await admin.postJson('/api/guests', { ...valid(), endsAt: iso(now + 100 * DAY_MS) });
      expect(response.status).toBe(400);
      const date = /on or before (\d{4}-\d{2}-\d{2})/.exec(response.json().message)?.[1] as string;
      // The last day whose end (a day alone means until its end) still fits in 90 days…
      expect(Date.parse(`${date}T23:59:59.999Z`)).toBeLessThanOrEqual(now + 90 * DAY_MS + 60_000);
      expect(Date.parse(`${date}T23:59:59.999Z`) + DAY_MS).toBeGreaterThan(now + 90 * DAY_MS);
      // …so inviting until that day works.
      expect((await admin.postJson('/api/guests', { ...valid(), endsAt: date })).status).toBe(201);
    });

    it('refuses a guest as sponsor', async () => {
      const before = await footprint();
      const response = await admin.postJson('/api/guests', { ...valid(), sponsor: existingGuest });
      expect(response.status).toBe(400);
      expect(response.json().fields.sponsor[0]).toMatch(/must be an employee/);
      expect(await footprint()).toEqual(before);
    });

    it('refuses an address that is already an employee’s or a guest’s (409), creating nothing', async () => {
      const before = await footprint();
      const employee = await admin.postJson('/api/guests', { ...valid(), email: sponsor.email.toUpperCase() });
      expect(employee.status).toBe(409);
      expect(employee.json().code).toBe('email_taken');
      expect(employee.json().message).toMatch(/employee/);
      const guest = await admin.postJson('/api/guests', { ...valid(), email: existingGuest });
      expect(guest.status).toBe(409);
      expect(guest.json().message).toMatch(/already has guest access/);
      expect(await footprint()).toEqual(before);
    });

    it('refuses unknown fields and reports several problems at once', async () => {
      const before = await footprint();
      const unknown = await admin.postJson('/api/guests', { ...valid(), isAdmin: true });
      expect(unknown.status).toBe(400);
      const several = await admin.postJson('/api/guests', { ...valid(), endsAt: iso(Date.now() - DAY_MS), sponsor: 'nobody@acme.test', apps: ['nope'] });
      expect(several.status).toBe(400);
      expect(Object.keys(several.json().fields).sort()).toEqual(['apps', 'endsAt', 'sponsor']);
      expect(await footprint()).toEqual(before);
    });

    it('refuses bad changes to an existing guest without changing anything', async () => {
      const guest = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS), apps: [appId] });
      const before = await getGuest(admin, guest.id);
      for (const [what, change, field] of [
        ['an end beyond the maximum', { endsAt: iso(Date.now() + 91 * DAY_MS) }, 'endsAt'],
        ['an end that is not a date', { endsAt: 'soon' }, 'endsAt'],
        ['a new start once started', { startsAt: iso(Date.now() + DAY_MS) }, 'startsAt'],
        ['an unknown app', { apps: ['no-such-app'] }, 'apps'],
        ['an unknown sponsor', { sponsor: 'nobody@acme.test' }, 'sponsor'],
        ['a company name too long', { company: 'x'.repeat(121), name: 'Renamed' }, 'company'],
      ] as Array<[string, Record<string, unknown>, string]>) {
        const response = await patch(admin, `/api/guests/${guest.id}`, change);
        expect(response.status).withContext(`${what}: ${response.text}`).toBe(400);
        expect(response.json().fields?.[field]).withContext(`${what}: ${response.text}`).toBeDefined();
      }
      expect(await getGuest(admin, guest.id)).toEqual(before);
      expect((await patch(admin, '/api/guests/no-such-guest', { note: 'x' })).status).toBe(404);
    });
  });

  describe('invitation links', () => {
    let clock: PortalClock;
    beforeEach(() => {
      clock = new PortalClock(portal);
    });

    it('expires after 72 hours: setup_link_expired, and no password is set', async () => {
      const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
      clock.advance(73 * HOUR_MS);
      const late = await acceptInvitation(portal, guest.invitationLink, 'a long guest passphrase');
      expect(late.status).toBe(410);
      expect(late.body.code).toBe('setup_link_expired');
      expect((await userRow(portal.dataSource, guest.id))?.passwordHash).toBeNull();
      clock.reset();
      expect((await getGuest(admin, guest.id)).status).toBe('invited');
    });

    it('tells the invitation page it is a guest’s: the access window and the sponsor', async () => {
      const endsAt = iso(Date.now() + 10 * DAY_MS);
      const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt });
      const status = await checkLink(portal, tokenOf(guest.invitationLink));
      expect(status.status).toBe(200);
      expect(status.body.account.guest).toEqual({ startsAt: jasmine.any(String), endsAt, sponsorName: sponsor.name });
    });

    it('works once: a reused link is setup_link_used', async () => {
      const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
      expect((await acceptInvitation(portal, guest.invitationLink, 'a long guest passphrase')).status).toBe(200);
      const again = await acceptInvitation(portal, guest.invitationLink, 'another long passphrase');
      expect(again.status).toBe(410);
      expect(again.body.code).toBe('setup_link_used');
      const view = await getGuest(admin, guest.id);
      expect(view.acceptedAt).toEqual(jasmine.any(String));
      expect(view.invitationExpiresAt).toBeNull();
      // Accepted: nothing to send or cancel any more.
      expect((await admin.postJson(`/api/guests/${guest.id}/invitation`)).status).toBe(409);
      expect((await del(admin, `/api/guests/${guest.id}/invitation`)).status).toBe(409);
    });

    it('re-sending gives a new link (mailed again) and the old one stops working', async () => {
      const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
      const resent = await admin.postJson(`/api/guests/${guest.id}/invitation`);
      expect(resent.status).toBe(200);
      const link = resent.json().invitationLink as string;
      expect(link).not.toBe(guest.invitationLink);
      const mails = await mailsTo(portal.dataSource, guest.email);
      expect(mails.map((m) => linkIn(m.textBody))).toEqual([guest.invitationLink, link]);
      expect((await checkLink(portal, tokenOf(guest.invitationLink))).body.valid).toBeFalse();
      expect((await acceptInvitation(portal, guest.invitationLink, 'a long guest passphrase')).status).toBe(410);
      expect((await acceptInvitation(portal, link, 'a long guest passphrase')).status).toBe(200);
      expect(await auditOf(portal.dataSource, 'guest.invitation_resent', guest.id)).toEqual([jasmine.anything()]);
    });

    it('cancelling stops the link and erases the guest: gone from every list', async () => {
      const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS), apps: [appId] });
      expect((await del(admin, `/api/guests/${guest.id}/invitation`)).status).toBe(204);
      expect((await checkLink(portal, tokenOf(guest.invitationLink))).body).toEqual({ valid: false, reason: 'setup_link_invalid' });
      const late = await acceptInvitation(portal, guest.invitationLink, 'a long guest passphrase');
      expect(late.status).toBe(400);
      expect(late.body.code).toBe('setup_link_invalid');
      expect((await listGuests(admin, { search: guest.email })).items).toEqual([]);
      expect((await admin.get(`/api/guests/${guest.id}`)).status).toBe(404);
      expect(await userRow(portal.dataSource, guest.id)).toBeNull();
      expect((await admin.get(`/api/admin/users?search=${encodeURIComponent(guest.email)}`)).json().total).toBe(0);
      expect(await mailsTo(portal.dataSource, guest.email)).toEqual([]);
      expect(await auditOf(portal.dataSource, 'guest.invitation_cancelled', guest.id)).toEqual([jasmine.anything()]);
      // The address is free again.
      expect((await admin.postJson('/api/guests', { email: guest.email, name: 'Again', sponsor: sponsor.email, endsAt: iso(Date.now() + DAY_MS) })).status).toBe(201);
    });
  });

  describe('extend, shorten, revoke, reactivate', () => {
    it('extends and shortens, each audited as such', async () => {
      const end = Date.now() + 10 * DAY_MS;
      const guest = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(end) });
      const extended = await patch(admin, `/api/guests/${guest.id}`, { endsAt: iso(end + 20 * DAY_MS) });
      expect(extended.status).toBe(200);
      expect((extended.json() as GuestView).endsAt).toBe(iso(end + 20 * DAY_MS));
      const shortened = await patch(admin, `/api/guests/${guest.id}`, { endsAt: iso(end - 5 * DAY_MS) });
      expect((shortened.json() as GuestView).endsAt).toBe(iso(end - 5 * DAY_MS));
      expect((await userRow(portal.dataSource, guest.id))?.accessEndsAt?.toISOString()).toBe(iso(end - 5 * DAY_MS));
      expect(JSON.parse((await auditOf(portal.dataSource, 'guest.extended', guest.id))[0].details)).toEqual(
        jasmine.objectContaining({ endsAt: iso(end + 20 * DAY_MS), previousEndsAt: iso(end) }),
      );
      expect(JSON.parse((await auditOf(portal.dataSource, 'guest.shortened', guest.id))[0].details)).toEqual(
        jasmine.objectContaining({ endsAt: iso(end - 5 * DAY_MS), previousEndsAt: iso(end + 20 * DAY_MS) }),
      );
    });

    it('revoking ends the sessions at once; reactivating lets the guest back in', async () => {
      const guest = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
      const { browser, authenticator } = await signedInBrowser(portal.url, guest);
      expect((await browser.get('/api/auth/me')).status).toBe(200);

      const revoked = await admin.postJson(`/api/guests/${guest.id}/revoke`);
      expect(revoked.status).toBe(200);
      expect((revoked.json() as GuestView).status).toBe('ended');
      expect((revoked.json() as GuestView).revokedAt).toEqual(jasmine.any(String));
      expect((await browser.get('/api/auth/me')).status).toBe(401);
      const refused = await portalSignIn(guest);
      expect(refused.response.status).toBe(403);
      expect(refused.response.json().code).toBe('guest_access_ended');
      expect(refused.response.json().params.sponsor).toBe('Marie Sponsor');
      expect(await auditOf(portal.dataSource, 'guest.revoked', guest.id)).toEqual([jasmine.anything()]);
      expect(await auditOf(portal.dataSource, 'guest.access_ended', guest.id)).toEqual([jasmine.anything()]);
      expect((await mailsTo(portal.dataSource, sponsor.email)).filter((m) => m.subject === "Gaston Lagaffe's guest access has ended" && m.textBody.includes('was revoked')).length).toBeGreaterThan(0);
      // Revoking again changes nothing.
      expect((await admin.postJson(`/api/guests/${guest.id}/revoke`)).status).toBe(200);
      expect((await auditOf(portal.dataSource, 'guest.access_ended', guest.id)).length).toBe(1);

      const reactivated = await patch(admin, `/api/guests/${guest.id}`, { endsAt: iso(Date.now() + 5 * DAY_MS) });
      expect(reactivated.status).toBe(200);
      expect(reactivated.json()).toEqual(jasmine.objectContaining({ status: 'active', revokedAt: null, eraseAfter: null }));
      expect(await auditOf(portal.dataSource, 'guest.reactivated', guest.id)).toEqual([jasmine.anything()]);
      const back = await signInThroughInteraction(new Browser(portal.url), `${portal.url}/api/auth/sign-in`, { ...guest, authenticator });
      expect(back.steps).toEqual(['password', 'totp', 'done']);
    });
  });

  it('bulk: extends or revokes each guest on its own, with one result per id', async () => {
    const end = Date.now() + 10 * DAY_MS;
    const one = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(end) });
    const two = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(end) });

    const extend = await admin.postJson('/api/guests/bulk', { action: 'extend', ids: [one.id, 'no-such-guest', two.id], endsAt: iso(end + 30 * DAY_MS) });
    expect(extend.status).toBe(200);
    const extended = (extend.json() as BulkGuestResponse).results;
    expect(extended.map((r) => [r.id, r.ok])).toEqual([
      [one.id, true],
      ['no-such-guest', false],
      [two.id, true],
    ]);
    expect(extended[1]).toEqual({ id: 'no-such-guest', ok: false, message: 'There is no such guest.' });
    expect((await getGuest(admin, one.id)).endsAt).toBe(iso(end + 30 * DAY_MS));
    expect((await getGuest(admin, two.id)).endsAt).toBe(iso(end + 30 * DAY_MS));

    const tooFar = await admin.postJson('/api/guests/bulk', { action: 'extend', ids: [one.id], endsAt: iso(Date.now() + 200 * DAY_MS) });
    expect((tooFar.json() as BulkGuestResponse).results[0]).toEqual({ id: one.id, ok: false, message: jasmine.stringMatching(/at most 90 days/) });
    expect((await admin.postJson('/api/guests/bulk', { action: 'extend', ids: [one.id] })).status).toBe(400);
    expect((await admin.postJson('/api/guests/bulk', { action: 'delete', ids: [one.id] })).status).toBe(400);

    const revoke = await admin.postJson('/api/guests/bulk', { action: 'revoke', ids: ['no-such-guest', one.id, two.id] });
    const revoked = (revoke.json() as BulkGuestResponse).results;
    expect(revoked.map((r) => r.ok)).toEqual([false, true, true]);
    expect(revoked.flatMap((r) => (r.ok ? [r.guest.status] : []))).toEqual(['ended', 'ended']);
  });

  it('filters: invited, starting, active, ending within 7 days, ended — with counts', async () => {
    const tag = uniqueName('Filters');
    const now = Date.now();
    const invited = await inviteGuest(admin, { company: tag, sponsor: sponsor.email, endsAt: iso(now + 30 * DAY_MS) });
    const starting = await acceptedGuest(portal, admin, { company: tag, sponsor: sponsor.email, startsAt: iso(now + 2 * DAY_MS), endsAt: iso(now + 30 * DAY_MS) });
    const active = await acceptedGuest(portal, admin, { company: tag, sponsor: sponsor.email, endsAt: iso(now + 30 * DAY_MS) });
    const ending = await acceptedGuest(portal, admin, { company: tag, sponsor: sponsor.email, endsAt: iso(now + 3 * DAY_MS) });
    const ended = await acceptedGuest(portal, admin, { company: tag, sponsor: sponsor.email, endsAt: iso(now + 30 * DAY_MS) });
    expect((await admin.postJson(`/api/guests/${ended.id}/revoke`)).status).toBe(200);

    const all = await listGuests(admin, { search: tag });
    expect(all.counts).toEqual({ all: 5, invited: 1, starting: 1, active: 2, ending: 1, ended: 1 });
    const ids = async (filter: string) => (await listGuests(admin, { filter, search: tag })).items.map((g) => g.id).sort();
    expect(await ids('invited')).toEqual([invited.id]);
    expect(await ids('starting')).toEqual([starting.id]);
    expect(await ids('active')).toEqual([active.id, ending.id].sort());
    expect(await ids('ending')).toEqual([ending.id]);
    expect(await ids('ended')).toEqual([ended.id]);
    // Soonest end first.
    expect(all.items[0].id).toBe(ended.id);
    expect((await admin.get('/api/guests?filter=soon')).status).toBe(400);

    // A guest whose access has not started yet hears when it starts.
    const early = await portalSignIn(starting);
    expect(early.response.status).toBe(403);
    expect(early.response.json().code).toBe('guest_access_not_started');
    expect(early.response.json().params.date).toBe(iso(now + 2 * DAY_MS));

    // Guests are marked as such in the users list.
    const users = (await admin.get(`/api/admin/users?search=${encodeURIComponent(active.email)}`)).json();
    expect(users.items[0]).toEqual(jasmine.objectContaining({ kind: 'guest', accessEndsAt: iso(now + 30 * DAY_MS), isAdmin: false }));
  });

  describe('who may manage guests', () => {
    it('refuses a plain employee (403) and anyone signed out (401) on every route', async () => {
      const employee = await createPerson(portal.app, { name: 'Paul Plain' });
      const { browser } = await signedInBrowser(portal.url, employee);
      const target = await inviteGuest(admin, { sponsor: employee.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
      const routes: Array<[string, string, unknown?]> = [
        ['GET', '/api/guests/options'],
        ['GET', '/api/guests'],
        ['POST', '/api/guests', { email: uniqueEmail(), name: 'X', endsAt: iso(Date.now() + DAY_MS) }],
        ['POST', '/api/guests/bulk', { action: 'revoke', ids: [target.id] }],
        ['GET', `/api/guests/${target.id}`],
        ['PATCH', `/api/guests/${target.id}`, { note: 'mine now' }],
        ['POST', `/api/guests/${target.id}/revoke`],
        ['POST', `/api/guests/${target.id}/invitation`],
        ['DELETE', `/api/guests/${target.id}/invitation`],
      ];
      const before = await footprint();
      for (const [method, path, json] of routes) {
        const response = await browser.request(path, { method, json: json ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
        expect(response.status).withContext(`${method} ${path}: ${response.text}`).toBe(403);
        expect(response.json().code).withContext(`${method} ${path}`).toBe('forbidden');
        const anonymous = await new Browser(portal.url).request(path, { method, json: json ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
        expect(anonymous.status).withContext(`anonymous ${method} ${path}`).toBe(401);
      }
      expect(await footprint()).toEqual(before);
      expect((await getGuest(admin, target.id)).status).toBe('invited');
    });

    it('lets an employee with the sponsor permission invite as themselves only, give only apps they open, and see only their guests', async () => {
      const marc = await createPerson(portal.app, { name: 'Marc Sponsor' });
      const granted = await patch(admin, `/api/admin/users/${marc.id}`, { permissions: ['sponsor'] });
      expect(granted.status).withContext(granted.text).toBe(200);
      expect(granted.json().permissions).toEqual(['sponsor']);
      const { browser } = await signedInBrowser(portal.url, marc);
      const closed = await addApp(portal.dataSource, { name: 'Payroll', groups: [uniqueName('HR')] });

      const options = (await browser.get('/api/guests/options')).json() as GuestOptions;
      expect(options.anySponsor).toBeFalse();
      expect(options.self).toEqual({ id: marc.id, name: 'Marc Sponsor', email: marc.email });
      expect(options.apps.map((a) => a.id)).toContain(appId);
      expect(options.apps.map((a) => a.id)).not.toContain(closed.id);

      const mine = await inviteGuest(browser, { endsAt: iso(Date.now() + 10 * DAY_MS), apps: [appId] });
      expect(mine.response.guest.sponsor?.id).toBe(marc.id);
      const before = await footprint();
      const forSomeoneElse = await browser.postJson('/api/guests', { email: uniqueEmail(), name: 'X', sponsor: sponsor.email, endsAt: iso(Date.now() + DAY_MS) });
      expect(forSomeoneElse.status).toBe(400);
      expect(forSomeoneElse.json().fields.sponsor[0]).toMatch(/only invite guests you sponsor yourself/);
      const closedApp = await browser.postJson('/api/guests', { email: uniqueEmail(), name: 'X', endsAt: iso(Date.now() + DAY_MS), apps: [closed.id] });
      expect(closedApp.status).toBe(400);
      expect(closedApp.json().fields.apps[0]).toMatch(/only give apps you can open yourself/);
      expect(await footprint()).toEqual(before);

      // Only their own guests: another sponsor's is "no such guest", whatever the route.
      const theirs = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
      const list = await listGuests(browser);
      expect(list.items.map((g) => g.id)).toEqual([mine.id]);
      expect(list.counts.all).toBe(1);
      for (const [method, path, json] of [
        ['GET', `/api/guests/${theirs.id}`],
        ['PATCH', `/api/guests/${theirs.id}`, { note: 'hello' }],
        ['POST', `/api/guests/${theirs.id}/revoke`],
        ['POST', `/api/guests/${theirs.id}/invitation`],
        ['DELETE', `/api/guests/${theirs.id}/invitation`],
      ] as Array<[string, string, unknown?]>) {
        const response = await browser.request(path, { method, json: json ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
        expect(response.status).withContext(`${method} ${path}`).toBe(404);
      }
      const bulk = (await browser.postJson('/api/guests/bulk', { action: 'revoke', ids: [theirs.id, mine.id] })).json() as BulkGuestResponse;
      expect(bulk.results.map((r) => r.ok)).toEqual([false, true]);
      expect((await getGuest(admin, theirs.id)).status).toBe('invited');
      expect((await getGuest(admin, theirs.id)).note).toBe('');
      // Moving their guest to another sponsor is not theirs to do either.
      expect((await patch(browser, `/api/guests/${mine.id}`, { sponsor: sponsor.email })).status).toBe(400);

      // The permission taken away: no more guests.
      expect((await patch(admin, `/api/admin/users/${marc.id}`, { permissions: [] })).status).toBe(200);
      expect((await browser.get('/api/guests')).status).toBe(403);
    });

    it('never makes a guest an administrator, a sponsor or a group member', async () => {
      const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
      const group = await createGroup(portal.app, { name: uniqueName('Finance') });
      for (const [change, field] of [
        [{ isAdmin: true }, 'isAdmin'],
        [{ groups: [group.name] }, 'groups'],
        [{ permissions: ['sponsor'] }, 'permissions'],
      ] as Array<[Record<string, unknown>, string]>) {
        const response = await patch(admin, `/api/admin/users/${guest.id}`, change);
        expect(response.status).withContext(JSON.stringify(change)).toBe(400);
        expect(response.json().fields?.[field]).withContext(response.text).toBeDefined();
      }
      const member = await admin.postJson(`/api/admin/groups/${group.id}/members`, { userId: guest.id });
      expect(member.status).toBe(400);
      expect(member.json().message).toMatch(/guest/);
      const setMembers = await admin.request(`/api/admin/groups/${group.id}/members`, { method: 'PUT', json: { userIds: [guest.id] } });
      expect(setMembers.status).toBe(400);
      const user = (await admin.get(`/api/admin/users/${guest.id}`)).json();
      expect(user).toEqual(jasmine.objectContaining({ isAdmin: false, groups: [], permissions: [], kind: 'guest' }));
    });
  });

  it('lists a guest with everything the console shows', async () => {
    const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS), apps: [appId], note: 'Q3 audit', company: 'Audit & Co' });
    const listed = (await listGuests(admin, { search: 'Audit & Co' })) as GuestList;
    expect(listed.items.map((g) => g.id)).toEqual([guest.id]);
    expect(listed.items[0]).toEqual(
      jasmine.objectContaining({
        email: guest.email,
        company: 'Audit & Co',
        note: 'Q3 audit',
        status: 'invited',
        sponsor: { id: sponsor.id, name: 'Marie Sponsor', email: sponsor.email },
        apps: [{ id: appId, name: 'Wiki' }],
        invitationExpiresAt: guest.response.invitationExpiresAt,
        lastSignInAt: null,
      }),
    );
    expect(await auditOf(portal.dataSource, 'guest.invited', guest.id)).toEqual([jasmine.anything()]);
  });
});
