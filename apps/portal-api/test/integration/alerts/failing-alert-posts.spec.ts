import * as client from 'openid-client';
import { ALERT_LIMITS, AlertRoutes } from '@passerelle/contracts';
import { AlertEntity } from '../../../src/app/alerts/entities/alert.entity';
import { AlertEventEntity } from '../../../src/app/alerts/entities/alert-event.entity';
import { AlertRecipientEntity } from '../../../src/app/alerts/entities/alert-recipient.entity';
import { alertSender, alertTo, postWithToken, posted, type AlertSender } from '../../support/alerts';
import { createGroup } from '../../support/catalog';
import { signedInBrowser } from '../../support/catalog-rows';
import { DAY_MS, HOUR_MS, iso, PortalClock } from '../../support/guests';
import { authorizationRequest, Browser, createPerson, discoverAs, redeem, registerApp, signInThroughInteraction, uniqueEmail, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * The push API refuses what it must, and stores nothing when it does: no token, a bad or expired
 * token, a token without alerts:write, a person's session instead of a token (401/403); each bad
 * field named (400); too large a body (413); an app posting too fast (429 with Retry-After).
 */
describe('Push API: refused alert posts', () => {
  const portal = usePortal();
  let sender: AlertSender;
  let reader: Person;

  beforeAll(async () => {
    sender = await alertSender(portal);
    reader = await createPerson(portal.app, { name: 'Rita Reader' });
  });

  const stored = () => portal.dataSource.getRepository(AlertEntity).count();
  const storedRows = async () => ({
    alerts: await portal.dataSource.getRepository(AlertEntity).count(),
    recipients: await portal.dataSource.getRepository(AlertRecipientEntity).count(),
    events: await portal.dataSource.getRepository(AlertEventEntity).count(),
  });

  describe('authentication', () => {
    it('answers 401 without a token and with a token this portal never issued, and stores nothing', async () => {
      const before = await stored();
      const none = await postWithToken(portal.url, AlertRoutes.alerts, undefined, alertTo([reader.email]));
      expect(none.status).toBe(401);
      expect(none.body).toEqual(jasmine.objectContaining({ statusCode: 401, code: 'unauthorized' }));

      const madeUp = await postWithToken(portal.url, AlertRoutes.alerts, 'made-up-token-0123456789', alertTo([reader.email]));
      expect(madeUp.status).toBe(401);
      const batch = await postWithToken(portal.url, AlertRoutes.batch, 'made-up-token-0123456789', { alerts: [alertTo([reader.email])] });
      expect(batch.status).toBe(401);
      // A token of the right shape but revoked.
      const revoked = await alertSender(portal);
      await client.tokenRevocation(revoked.config, revoked.token);
      expect((await revoked.post(alertTo([reader.email]))).status).toBe(401);
      expect(await stored()).toBe(before);
    });

    it('answers 401 to a token that has expired', async () => {
      const clock = new PortalClock(portal);
      const before = await stored();
      const expiring = await alertSender(portal);
      expect((await expiring.post(alertTo([reader.email]))).status).withContext('while valid').toBe(202);
      // Client-credentials tokens live 10 minutes.
      clock.advance(11 * 60 * 1000);
      const expired = await expiring.post(alertTo([reader.email]));
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('unauthorized');
      clock.reset();
      expect(await stored()).toBe(before + 1);
    });

    it('answers 403 to a valid token without alerts:write', async () => {
      const reading = await alertSender(portal, { tile: false, scopes: ['users:read'] });
      const before = await stored();
      const response = await reading.post(alertTo([reader.email]));
      expect(response.status).toBe(403);
      expect(response.body).toEqual(jasmine.objectContaining({ statusCode: 403, code: 'forbidden' }));
      expect(response.body.message).toContain('alerts:write');
      expect((await reading.batch({ alerts: [alertTo([reader.email])] })).status).toBe(403);
      expect(await stored()).toBe(before);
    });

    it('answers 403 to a token issued to a person, even for an app that holds alerts:write', async () => {
      // A public app (a single-page app) can't keep a secret: anyone who signs in to it gets its tokens.
      for (const isPublic of [true, false]) {
        const redirectUri = `http://127.0.0.1:${8800 + Number(isPublic)}/callback`;
        const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: ['alerts:write'], public: isPublic });
        const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
        const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid alerts:write' });
        const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, await createPerson(portal.app, { name: 'Mallory Member' }));
        const tokens = await redeem(config, signIn.callbackUrl, request);
        expect(tokens.scope?.split(' ')).toContain('alerts:write');
        const before = await stored();
        const response = await postWithToken(portal.url, AlertRoutes.alerts, tokens.access_token, { recipients: { everyone: true }, title: 'Free pizza (not really)' });
        expect(response.status).withContext(`public: ${isPublic}`).toBe(403);
        expect(response.body.code).toBe('forbidden');
        expect((await postWithToken(portal.url, AlertRoutes.batch, tokens.access_token, { alerts: [alertTo([reader.email])] })).status).toBe(403);
        expect(await stored()).toBe(before);
      }
    });

    it('does not take a person’s session cookie as a way to post (401)', async () => {
      const { browser } = await signedInBrowser(portal.url, await createPerson(portal.app, { isAdmin: true, name: 'Ada Admin' }));
      const before = await stored();
      const response = await browser.postJson(AlertRoutes.alerts, alertTo([reader.email]));
      expect(response.status).toBe(401);
      expect((await browser.postJson(AlertRoutes.batch, { alerts: [alertTo([reader.email])] })).status).toBe(401);
      expect(await stored()).toBe(before);
    });
  });

  describe('validation', () => {
    /** Posts, expects 400 validation_failed naming exactly these fields, and that nothing was stored. */
    async function refused(body: unknown, fields: string[], path: string = AlertRoutes.alerts) {
      const before = await storedRows();
      const response = await postWithToken(portal.url, path, sender.token, body);
      expect(response.status).withContext(JSON.stringify(response.body)).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(Object.keys(response.body.fields ?? {}).sort()).toEqual([...fields].sort());
      for (const field of fields) expect(response.body.fields[field]).toEqual([jasmine.any(String)]);
      expect(await storedRows()).withContext('nothing stored').toEqual(before);
      return response.body;
    }

    it('names a missing or blank title, missing recipients, an unknown severity', async () => {
      await refused({ recipients: { users: [reader.email] } }, ['title']);
      await refused({ recipients: { users: [reader.email] }, title: '   ' }, ['title']);
      await refused({ recipients: { users: [reader.email] }, title: 'x'.repeat(ALERT_LIMITS.titleMax + 1) }, ['title']);
      await refused({ title: 'No one to tell' }, ['recipients']);
      await refused({ recipients: {}, title: 'Empty audience' }, ['recipients']);
      await refused({ recipients: { users: 'not-a-list' }, title: 'Bad list' }, ['recipients.users']);
      const severity = await refused(alertTo([reader.email], { severity: 'urgent' as never }), ['severity']);
      expect(severity.fields.severity[0]).toContain('info, warning, critical');
      expect(severity.message).toMatch(/^severity: /);
    });

    it('refuses an http link to another origin, and an action URL that is not https nor the app’s own', async () => {
      await refused(alertTo([reader.email], { link: 'http://crm.elsewhere.example/deals/42' }), ['link']);
      await refused(alertTo([reader.email], { link: 'javascript:alert(1)' }), ['link']);
      await refused(alertTo([reader.email], { link: '/relative/path' }), ['link']);
      await refused(alertTo([reader.email], { actions: [{ label: 'Open', url: 'http://evil.example/approve' }] }), ['actions[0].url']);
      await refused(alertTo([reader.email], { actions: [{ label: '', url: 'https://crm.example.com/ok' }] }), ['actions[0].label']);
      await refused(alertTo([reader.email], { actions: Array.from({ length: ALERT_LIMITS.actionsMax + 1 }, (_, i) => ({ label: `A${i}`, url: 'https://crm.example.com/' })) }), ['actions']);

      // What is allowed: https anywhere, http on the app's own origin.
      const ok = await posted(sender.post(alertTo([reader.email], { link: `${sender.origin}/deals/42`, actions: [{ label: 'Approve', url: 'https://crm.example.com/deals/42/approve' }] })));
      expect(ok.status).toBe('created');
    });

    it('refuses an expiry in the past, without a time zone, or more than a year ahead', async () => {
      await refused(alertTo([reader.email], { expiresAt: iso(Date.now() - HOUR_MS) }), ['expiresAt']);
      await refused(alertTo([reader.email], { expiresAt: '2031-03-31T18:00:00' }), ['expiresAt']);
      await refused(alertTo([reader.email], { expiresAt: 'tomorrow' }), ['expiresAt']);
      await refused(alertTo([reader.email], { expiresAt: iso(Date.now() + (ALERT_LIMITS.expiresMaxDays + 2) * DAY_MS) }), ['expiresAt']);
    });

    it('names unknown fields, at the top and inside recipients and actions, and several problems at once', async () => {
      await refused({ ...alertTo([reader.email]), priority: 'high' }, ['priority']);
      await refused({ ...alertTo([reader.email]), recipients: { users: [reader.email], roles: ['x'] } }, ['recipients.roles']);
      await refused(alertTo([reader.email], { actions: [{ label: 'Go', url: 'https://crm.example.com/', method: 'POST' } as never] }), ['actions[0].method']);
      await refused({ recipients: { users: [reader.email] }, severity: 'loud', link: 'ftp://files.example/x' }, ['title', 'severity', 'link']);
      await refused([alertTo([reader.email])], ['body']);
    });

    it('refuses a whole batch when one item is bad, naming alerts[i].field, and stores none of it', async () => {
      const good = (n: number) => alertTo([reader.email], { title: `Batch item ${n}`, dedupeKey: `batch-item-${n}-${Date.now()}` });
      const body = await refused({ alerts: [good(0), good(1), { ...good(2), title: '' }, good(3)] }, ['alerts[2].title'], AlertRoutes.batch);
      expect(body.message).toMatch(/^alerts\[2\]\.title: /);
      await refused({ alerts: [good(0), { ...good(1), severity: 'x' }, { ...good(2), link: 'http://elsewhere.example/' }] }, ['alerts[1].severity', 'alerts[2].link'], AlertRoutes.batch);
      await refused({ alerts: [] }, ['alerts'], AlertRoutes.batch);
      await refused({ alerts: Array.from({ length: ALERT_LIMITS.batchMax + 1 }, (_, i) => good(i)) }, ['alerts'], AlertRoutes.batch);
      await refused({ alerts: [good(0)], extra: true }, ['extra'], AlertRoutes.batch);
      // The same dedupeKey twice in one batch would make one item overwrite the other.
      const twice = good(7);
      await refused({ alerts: [twice, { ...twice, title: 'Other' }] }, ['alerts'], AlertRoutes.batch);
    });

    it('refuses a batch with an unknown group in any item, and stores none of it (all or nothing)', async () => {
      const group = await createGroup(portal.app, { memberIds: [reader.id] });
      const before = await storedRows();
      const response = await sender.batch({
        alerts: [
          { recipients: { groups: [group.name] }, title: 'For a real group' },
          { recipients: { users: [reader.email] }, title: 'For a person' },
          { recipients: { groups: ['No such team'] }, title: 'For nobody' },
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(Object.keys(response.body.fields)).toEqual(['alerts[2].recipients.groups']);
      expect(response.body.fields['alerts[2].recipients.groups'][0]).toContain('No such team');
      expect(await storedRows()).toEqual(before);
    });

    it('answers 400 to an unknown group in a single alert, naming the group', async () => {
      const before = await storedRows();
      const response = await sender.post({ recipients: { groups: ['Ghost team'] }, title: 'Hello' });
      expect(response.status).toBe(400);
      expect(response.body.fields['recipients.groups'][0]).toContain('Ghost team');
      expect(await storedRows()).toEqual(before);
    });

    it('skips unknown people and counts them without naming them', async () => {
      const stranger = uniqueEmail('nobody');
      const result = await posted(sender.post(alertTo([reader.email, stranger, '00000000-0000-4000-8000-000000000000', 'not-a-subject-we-know'])));
      expect(result).toEqual({ id: jasmine.any(String), status: 'created', recipients: 1, skipped: 3 });
      expect(JSON.stringify(result)).not.toContain(stranger);
    });

    it('counts a person named several ways (email in another case, sub) once, and does not call them skipped', async () => {
      const result = await posted(sender.post(alertTo([reader.email.toUpperCase(), reader.email, reader.id])));
      expect(result).toEqual({ id: jasmine.any(String), status: 'created', recipients: 1, skipped: 0 });
    });

    it('answers 400 (not 500) to a body that is not JSON', async () => {
      const response = await postWithToken(portal.url, AlertRoutes.alerts, sender.token, undefined, { raw: '{"title": ' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('bad_request');
    });

    it('answers 413 to a body over the size limit, and stores nothing', async () => {
      const before = await storedRows();
      const huge = { alerts: Array.from({ length: 100 }, (_, i) => alertTo([reader.email], { title: `Huge ${i}`, body: 'x'.repeat(12_000) })) };
      const response = await sender.batch(huge);
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('payload_too_large');
      const single = await sender.post(alertTo([reader.email], { body: 'y'.repeat(1_100_000) }));
      expect(single.status).toBe(413);
      expect(await storedRows()).toEqual(before);
      // Below the limit, a body over 4000 characters is a named field problem instead.
      await refused(alertTo([reader.email], { body: 'z'.repeat(ALERT_LIMITS.bodyMax + 1) }), ['body']);
    });
  });
});

describe('Push API: rate limit per app', () => {
  const portal = usePortal({ env: { ALERT_RATE_PER_MINUTE: '5' } });

  it('answers the 6th alert within a minute with 429 and Retry-After, counts batches by their size, and lets the app post again a minute later', async () => {
    const clock = new PortalClock(portal);
    const reader = await createPerson(portal.app);
    const noisy = await alertSender(portal);
    const calm = await alertSender(portal);
    for (let i = 1; i <= 5; i++) expect((await noisy.post(alertTo([reader.email], { title: `Alert ${i}` }))).status).withContext(`alert ${i}`).toBe(202);

    const sixth = await noisy.post(alertTo([reader.email], { title: 'Alert 6' }));
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('rate_limited');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await portal.dataSource.getRepository(AlertEntity).countBy({ title: 'Alert 6' })).withContext('the refused alert is not stored').toBe(0);

    // Another app has its own allowance; a batch counts as many alerts as it carries.
    expect((await calm.batch({ alerts: [1, 2, 3].map((n) => alertTo([reader.email], { title: `Calm ${n}` })) })).status).toBe(202);
    const tooBig = await calm.batch({ alerts: [4, 5, 6].map((n) => alertTo([reader.email], { title: `Calm ${n}` })) });
    expect(tooBig.status).toBe(429);
    expect(tooBig.headers.get('retry-after')).toMatch(/^\d+$/);

    clock.advance(61_000);
    expect((await noisy.post(alertTo([reader.email], { title: 'Alert 7' }))).status).toBe(202);
    clock.reset();
  });
});
