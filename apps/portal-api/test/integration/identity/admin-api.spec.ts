import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { AdminRoutes, type AdminCreateUserResponse, type AdminUser, type AuditEventView, type OutboxMail, type Page } from '@passerelle/contracts';
import { Clock } from '../../../src/infra/clock';
import { usePortal } from '../../support/test-portal';
import {
  Authenticator,
  authorizationRequest,
  Browser,
  type BrowserResponse,
  createPerson,
  discoverAs,
  interactionUidOf,
  type Person,
  redeem,
  registerApp,
  signInThroughInteraction,
} from '../../support/oidc-rp';

/**
 * The administration API over HTTP with real sessions: people (list, create, disable, enable,
 * reset the second factor, unlock), the outbox and the audit trail.
 */
describe('Admin API', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8771/callback';
  let admin: Person;
  let adminBrowser: Browser;

  async function signIn(browser: Browser, person: Person, authenticator?: Authenticator) {
    const result = await signInThroughInteraction(browser, '/api/auth/sign-in', { ...person, authenticator });
    expect(result.steps).toContain('done');
    return result;
  }

  /** A fresh browser at the password step of a portal sign-in, and the answer to it. */
  async function passwordStep(email: string, password: string): Promise<{ browser: Browser; uid: string; response: BrowserResponse }> {
    const browser = new Browser(portal.url);
    const { stoppedAt } = await browser.follow('/api/auth/sign-in');
    const uid = interactionUidOf(stoppedAt) as string;
    return { browser, uid, response: await browser.postJson(`/interaction/${uid}/password`, { email, password }) };
  }

  function expectError(response: BrowserResponse, status: number, code: string): void {
    expect(response.status).withContext(response.text).toBe(status);
    expect(response.json()).toEqual(jasmine.objectContaining({ statusCode: status, code, message: jasmine.any(String), requestId: jasmine.any(String) }));
  }

  async function userView(id: string): Promise<AdminUser> {
    const response = await adminBrowser.get(AdminRoutes.user(id));
    expect(response.status).withContext(response.text).toBe(200);
    return response.json() as AdminUser;
  }

  beforeAll(async () => {
    admin = await createPerson(portal.app, { name: 'Ada Admin', isAdmin: true });
    adminBrowser = new Browser(portal.url);
    await signIn(adminBrowser, admin);
  });

  it('is for administrators only: 401 signed out, 403 forbidden for everyone else', async () => {
    const signedOut = await new Browser(portal.url).get(AdminRoutes.users);
    expectError(signedOut, 401, 'unauthorized');
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    await signIn(browser, person);
    for (const path of [AdminRoutes.users, AdminRoutes.audit, AdminRoutes.outbox, AdminRoutes.user(person.id)]) {
      expectError(await browser.get(path), 403, 'forbidden');
    }
    expectError(await browser.postJson(AdminRoutes.users, { email: 'x@acme.test', name: 'X' }), 403, 'forbidden');
    expectError(await browser.postJson(AdminRoutes.disableUser(admin.id), {}), 403, 'forbidden');
    expect((await userView(admin.id)).status).toBe('active');
  });

  it('lists people with search and pagination; refuses a bad pageSize', async () => {
    const tag = `zq${randomBytes(3).toString('hex')}`;
    const people: Person[] = [];
    for (const n of [1, 2, 3]) people.push(await createPerson(portal.app, { name: `Person ${tag} ${n}`, groups: n === 1 ? ['Sales', 'IT'] : [] }));

    const first = await adminBrowser.get(`${AdminRoutes.users}?search=${tag.toUpperCase()}&page=1&pageSize=2`);
    expect(first.status).withContext(first.text).toBe(200);
    const page1 = first.json() as Page<AdminUser>;
    expect(page1).toEqual(jasmine.objectContaining({ total: 3, page: 1, pageSize: 2 }));
    expect(page1.items.length).toBe(2);
    const page2 = (await adminBrowser.get(`${AdminRoutes.users}?search=${tag}&page=2&pageSize=2`)).json() as Page<AdminUser>;
    expect(page2).toEqual(jasmine.objectContaining({ total: 3, page: 2, pageSize: 2 }));
    expect(page2.items.length).toBe(1);
    const seen = [...page1.items, ...page2.items];
    expect(seen.map((u) => u.id).sort()).toEqual(people.map((p) => p.id).sort());
    const withGroups = seen.find((u) => u.id === people[0].id) as AdminUser;
    expect(withGroups).toEqual(
      jasmine.objectContaining({ email: people[0].email, name: `Person ${tag} 1`, isAdmin: false, status: 'active', groups: ['IT', 'Sales'], totpEnrolled: false, lockedUntil: null, lastSignInAt: null }),
    );
    // By email too.
    const byEmail = (await adminBrowser.get(`${AdminRoutes.users}?search=${encodeURIComponent(people[2].email)}`)).json() as Page<AdminUser>;
    expect(byEmail.items.map((u) => u.id)).toEqual([people[2].id]);
    // Defaults.
    const all = (await adminBrowser.get(AdminRoutes.users)).json() as Page<AdminUser>;
    expect(all).toEqual(jasmine.objectContaining({ page: 1, pageSize: 25 }));
    expect(all.total).toBeGreaterThanOrEqual(4);

    for (const pageSize of ['0', '101', 'x']) {
      const bad = await adminBrowser.get(`${AdminRoutes.users}?pageSize=${pageSize}`);
      expectError(bad, 400, 'validation_failed');
      expect(Object.keys(bad.json().fields)).withContext(pageSize).toEqual(['pageSize']);
    }
    const badPage = await adminBrowser.get(`${AdminRoutes.users}?page=0`);
    expectError(badPage, 400, 'validation_failed');
    expect(Object.keys(badPage.json().fields)).toEqual(['page']);
  });

  it('creates a person with an activation link that is also mailed; refuses a taken or invalid email', async () => {
    const email = `new-${randomBytes(4).toString('hex')}@acme.test`;
    const created = await adminBrowser.postJson(AdminRoutes.users, { email: `  ${email.toUpperCase()} `, name: 'Nouvelle Personne', groups: ['Sales'] });
    expect(created.status).withContext(created.text).toBe(201);
    const body = created.json() as AdminCreateUserResponse;
    expect(body.user).toEqual(jasmine.objectContaining({ email, name: 'Nouvelle Personne', status: 'active', groups: ['Sales'], totpEnrolled: false, isAdmin: false }));
    expect(body.activationLink).toMatch(new RegExp(`^${portal.url.replace(/[.]/g, '\\.')}/activate#token=[A-Za-z0-9_-]+$`));
    expect(Date.parse(body.activationLinkExpiresAt)).toBeGreaterThan(Date.now());

    const outbox = await adminBrowser.get(`${AdminRoutes.outbox}?pageSize=100`);
    expect(outbox.status).toBe(200);
    const mail = (outbox.json() as Page<OutboxMail>).items.find((m) => m.to === email);
    expect(mail).withContext('the activation mail is in the outbox').toBeDefined();
    expect(mail?.text).toContain(body.activationLink);

    const duplicate = await adminBrowser.postJson(AdminRoutes.users, { email, name: 'Someone Else' });
    expectError(duplicate, 409, 'email_taken');
    expect(Object.keys(duplicate.json().fields)).toEqual(['email']);
    const invalid = await adminBrowser.postJson(AdminRoutes.users, { email: 'not-an-email', name: 'Someone' });
    expectError(invalid, 400, 'validation_failed');
    expect(Object.keys(invalid.json().fields)).toEqual(['email']);
    const missing = await adminBrowser.postJson(AdminRoutes.users, { name: 'Someone' });
    expectError(missing, 400, 'validation_failed');
    expect(Object.keys(missing.json().fields)).toEqual(['email']);
    expect(((await adminBrowser.get(`${AdminRoutes.users}?search=Someone`)).json() as Page<AdminUser>).total).toBe(0);
  });

  it('disables a signed-in person at once (session and access token), enables them again; never oneself', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email' });
    const signIn1 = await signInThroughInteraction(browser, request.url, person);
    const tokens = await redeem(config, signIn1.callbackUrl, request);
    expect((await client.fetchUserInfo(config, tokens.access_token, person.id)).sub).toBe(person.id);
    expect((await browser.get('/api/auth/me')).status).toBe(200);

    const disabled = await adminBrowser.postJson(AdminRoutes.disableUser(person.id), {});
    expect(disabled.status).withContext(disabled.text).toBe(200);
    expect((disabled.json() as AdminUser).status).toBe('disabled');
    expectError(await browser.get('/api/auth/me'), 401, 'unauthorized');
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, person.id).catch((e: unknown) => e);
    expect(userinfo).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
    expectError((await passwordStep(person.email, person.password)).response, 403, 'account_disabled');

    const enabled = await adminBrowser.postJson(AdminRoutes.enableUser(person.id), {});
    expect(enabled.status).withContext(enabled.text).toBe(200);
    expect((enabled.json() as AdminUser).status).toBe('active');
    const again = new Browser(portal.url);
    await signIn(again, person, signIn1.authenticator);
    expect((await again.get('/api/auth/me')).json().id).toBe(person.id);

    const self = await adminBrowser.postJson(AdminRoutes.disableUser(admin.id), {});
    expectError(self, 409, 'conflict');
    expect((await adminBrowser.get('/api/auth/me')).status).toBe(200);
    expectError(await adminBrowser.postJson(AdminRoutes.disableUser('no-such-user'), {}), 404, 'not_found');
  });

  it('takes only an id in /users/:id/disable: an email there finds nobody (and can’t slip past the self check)', async () => {
    // A second administrator, so disabling this one would not be refused as the last one.
    await createPerson(portal.app, { isAdmin: true });
    const person = await createPerson(portal.app);
    expectError(await adminBrowser.postJson(AdminRoutes.disableUser(person.email), {}), 404, 'not_found');
    expect((await userView(person.id)).status).toBe('active');
    expectError(await adminBrowser.postJson(AdminRoutes.disableUser(admin.email), {}), 404, 'not_found');
    expect((await userView(admin.id)).status).toBe('active');
    expect((await adminBrowser.get('/api/auth/me')).status).toBe(200);
  });

  it('resets the second factor: the next sign-in enrols a new authenticator', async () => {
    const person = await createPerson(portal.app);
    const first = await signIn(new Browser(portal.url), person);
    expect((await userView(person.id)).totpEnrolled).toBeTrue();

    const reset = await adminBrowser.postJson(AdminRoutes.resetSecondFactor(person.id), {});
    expect(reset.status).withContext(reset.text).toBe(200);
    expect((reset.json() as AdminUser).totpEnrolled).toBeFalse();

    const states: string[] = [];
    const next = await signInThroughInteraction(new Browser(portal.url), '/api/auth/sign-in', { ...person, onState: (s) => states.push(s.step) });
    expect(next.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
    expect(next.authenticator?.secret).not.toBe(first.authenticator?.secret);
    expect(next.recoveryCodes?.filter((c) => first.recoveryCodes?.includes(c))).toEqual([]);
    expect((await userView(person.id)).totpEnrolled).toBeTrue();
  });

  it('shows the lock after repeated failed passwords and lifts it', async () => {
    const person = await createPerson(portal.app);
    // The throttle's delays (2, 4, 8, 16 s) pass on the portal's clock, not the spec's.
    const clock = portal.app.get(Clock);
    let offsetMs = 0;
    const realNow = clock.now.bind(clock);
    spyOn(clock, 'now').and.callFake(() => new Date(realNow().getTime() + offsetMs));

    for (let i = 1; i <= 10; i++) {
      const failed = await passwordStep(person.email, 'not the password');
      expectError(failed.response, 401, 'invalid_credentials');
      offsetMs += 20_000;
    }
    const locked = await passwordStep(person.email, person.password);
    expectError(locked.response, 429, 'too_many_attempts');
    const listed = ((await adminBrowser.get(`${AdminRoutes.users}?search=${encodeURIComponent(person.email)}`)).json() as Page<AdminUser>).items[0];
    expect(listed.id).toBe(person.id);
    expect(listed.lockedUntil).toEqual(jasmine.any(String));
    expect(Date.parse(listed.lockedUntil as string)).toBeGreaterThan(realNow().getTime() + offsetMs + 10 * 60_000);

    const unlocked = await adminBrowser.postJson(AdminRoutes.unlockUser(person.id), {});
    expect(unlocked.status).withContext(unlocked.text).toBe(200);
    expect((unlocked.json() as AdminUser).lockedUntil).toBeNull();
    expect((await userView(person.id)).lockedUntil).toBeNull();
    // Back to the real time (authenticator codes depend on it).
    offsetMs = 0;
    const signedIn = await signIn(new Browser(portal.url), person);
    expect(signedIn.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
  });

  it('reads the audit trail newest first, filtered by event prefix and outcome, paged with before=<id>', async () => {
    const person = await createPerson(portal.app);
    await signIn(new Browser(portal.url), person);
    expectError((await passwordStep(person.email, 'wrong password')).response, 401, 'invalid_credentials');

    const response = await adminBrowser.get(`${AdminRoutes.audit}?event=auth.&pageSize=100`);
    expect(response.status).withContext(response.text).toBe(200);
    const page = response.json() as Page<AuditEventView>;
    expect(page.items.length).toBeGreaterThan(3);
    expect(page.items.every((e) => e.event.startsWith('auth.'))).withContext(page.items.map((e) => e.event).join()).toBeTrue();
    const times = page.items.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(page.items.find((e) => e.event === 'auth.signed_in' && e.subject === person.id)).toEqual(
      jasmine.objectContaining({ outcome: 'success', actor: person.id, ipAddress: jasmine.any(String), details: jasmine.any(Object) }),
    );
    expect(page.items.find((e) => e.event === 'auth.password' && e.subject === person.id && e.outcome === 'failure')?.details).toEqual(
      jasmine.objectContaining({ reason: 'wrong_password' }),
    );
    // This person's newest auth event is the failed password just above.
    const theirs = (await adminBrowser.get(`${AdminRoutes.audit}?event=auth.&actor=${person.id}`)).json() as Page<AuditEventView>;
    expect(theirs.items[0]).toEqual(jasmine.objectContaining({ event: 'auth.password', outcome: 'failure', subject: person.id }));
    expect(theirs.items.map((e) => e.event)).toContain('auth.signed_in');

    const failures = (await adminBrowser.get(`${AdminRoutes.audit}?event=auth.&outcome=failure&pageSize=100`)).json() as Page<AuditEventView>;
    expect(failures.items.length).toBeGreaterThan(0);
    expect(failures.items.every((e) => e.outcome === 'failure' && e.event.startsWith('auth.'))).toBeTrue();
    expect(failures.total).toBeLessThan(page.total);
    // A full type matches exactly that type ('_' is not a wildcard).
    const signedIn = (await adminBrowser.get(`${AdminRoutes.audit}?event=auth.signed_in&pageSize=100`)).json() as Page<AuditEventView>;
    expect(signedIn.items.length).toBeGreaterThan(0);
    expect(new Set(signedIn.items.map((e) => e.event))).toEqual(new Set(['auth.signed_in']));
    expect(((await adminBrowser.get(`${AdminRoutes.audit}?event=auth_`)).json() as Page<AuditEventView>).total).toBe(0);
    const byPerson = (await adminBrowser.get(`${AdminRoutes.audit}?actor=${person.id}`)).json() as Page<AuditEventView>;
    expect(byPerson.items.every((e) => e.actor === person.id || e.subject === person.id)).toBeTrue();
    expect(byPerson.items.map((e) => e.event)).toContain('user.created');

    // Cursor paging: each page starts right after the last event of the one before.
    const first = (await adminBrowser.get(`${AdminRoutes.audit}?event=auth.&pageSize=2`)).json() as Page<AuditEventView>;
    expect(first.items.map((e) => e.id)).toEqual(page.items.slice(0, 2).map((e) => e.id));
    const second = (await adminBrowser.get(`${AdminRoutes.audit}?event=auth.&pageSize=2&before=${first.items[1].id}`)).json() as Page<AuditEventView>;
    expect(second.items.map((e) => e.id)).toEqual(page.items.slice(2, 4).map((e) => e.id));

    const from = (await adminBrowser.get(`${AdminRoutes.audit}?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).json() as Page<AuditEventView>;
    expect(from.total).toBe(0);
    const badFrom = await adminBrowser.get(`${AdminRoutes.audit}?from=yesterday`);
    expectError(badFrom, 400, 'validation_failed');
    expect(Object.keys(badFrom.json().fields)).toEqual(['from']);
    const badOutcome = await adminBrowser.get(`${AdminRoutes.audit}?outcome=maybe`);
    expectError(badOutcome, 400, 'validation_failed');
    expect(Object.keys(badOutcome.json().fields)).toEqual(['outcome']);
  });
});
