import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { usePortal } from '../../support/test-portal';
import { Browser, createPerson, currentTotpStep, interactionUidOf, signInThroughInteraction, totpForStep, uniqueEmail } from '../../support/oidc-rp';

/**
 * The sign-in steps over HTTP when things go wrong: no difference between an unknown address and a
 * wrong password, throttling with Retry-After, disabled accounts, expired or skipped steps.
 */
describe('OpenID provider: failing sign-in steps', () => {
  const portal = usePortal();

  /** A fresh browser at the password step of a portal sign-in; returns the step URLs. */
  async function atPasswordStep(browser = new Browser(portal.url)) {
    const { stoppedAt } = await browser.follow('/api/auth/sign-in');
    const uid = interactionUidOf(stoppedAt);
    if (!uid) throw new Error(`No sign-in page: ${stoppedAt}`);
    return { browser, uid, base: `/interaction/${uid}` };
  }

  function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
    const { requestId, ...rest } = body;
    expect(requestId).toEqual(jasmine.any(String));
    return rest;
  }

  it('answers an unknown email exactly like a wrong password (apart from the request id)', async () => {
    const person = await createPerson(portal.app);
    const { browser, base } = await atPasswordStep();
    const unknown = await browser.postJson(`${base}/password`, { email: uniqueEmail('nobody'), password: 'whatever-password' });
    const wrong = await browser.postJson(`${base}/password`, { email: person.email, password: 'not-the-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    expect(withoutRequestId(wrong.json())).toEqual(withoutRequestId(unknown.json()));
    expect(unknown.json().code).toBe('invalid_credentials');
    expect(wrong.headers.get('cache-control')).toBe(unknown.headers.get('cache-control'));
  });

  it('throttles repeated failures with 429 too_many_attempts and Retry-After, the same for unknown and known addresses', async () => {
    const person = await createPerson(portal.app);
    const nobody = uniqueEmail('nobody');

    async function failuresUntilThrottled(email: string): Promise<{ attempts: number; retryAfter: string | null; body: Record<string, unknown> }> {
      const { browser, base } = await atPasswordStep();
      for (let attempt = 1; attempt <= 12; attempt++) {
        const response = await browser.postJson(`${base}/password`, { email, password: 'not-the-password' });
        if (response.status === 429) return { attempts: attempt, retryAfter: response.headers.get('retry-after'), body: response.json() };
        expect(response.status).withContext(`attempt ${attempt}`).toBe(401);
      }
      throw new Error('never throttled');
    }

    const known = await failuresUntilThrottled(person.email);
    const unknown = await failuresUntilThrottled(nobody);
    expect(known.attempts).toBe(unknown.attempts);
    expect(known.body['code']).toBe('too_many_attempts');
    expect(unknown.body['code']).toBe('too_many_attempts');
    expect(Number(known.retryAfter)).toBeGreaterThan(0);
    expect(Number(unknown.retryAfter)).toBeGreaterThan(0);
    expect(withoutRequestId(known.body)).toEqual(withoutRequestId(unknown.body));

    // While throttled, even the right password is refused (no oracle).
    const { browser, base } = await atPasswordStep();
    const right = await browser.postJson(`${base}/password`, { email: person.email, password: person.password });
    expect(right.status).toBe(429);
  });

  it('refuses a wrong TOTP code and a replayed one', async () => {
    const person = await createPerson(portal.app);
    const enrolled = await signInThroughInteraction(new Browser(portal.url), '/api/auth/sign-in', person);
    const authenticator = enrolled.authenticator;
    if (!authenticator) throw new Error('no authenticator');

    const first = await atPasswordStep();
    expect((await first.browser.postJson(`${first.base}/password`, { email: person.email, password: person.password })).json().step).toBe('totp');
    const valid = [-1, 0, 1, 2].map((offset) => totpForStep(authenticator.secret, currentTotpStep() + offset));
    const wrongCode = await first.browser.postJson(`${first.base}/totp`, { code: ['000000', '111111', '222222', '333333', '444444'].find((c) => !valid.includes(c)) });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.json().code).toBe('totp_invalid');
    const code = await authenticator.nextCode();
    expect((await first.browser.postJson(`${first.base}/totp`, { code })).json().step).toBe('done');

    const second = await atPasswordStep();
    await second.browser.postJson(`${second.base}/password`, { email: person.email, password: person.password });
    const replay = await second.browser.postJson(`${second.base}/totp`, { code });
    expect(replay.status).toBe(400);
    expect(replay.json().code).toBe('totp_reused');
  });

  it('refuses to skip steps: no TOTP before the password, no finish before enrolment', async () => {
    const { browser, base } = await atPasswordStep();
    const totp = await browser.postJson(`${base}/totp`, { code: '123456' });
    expect(totp.status).toBe(400);
    const finish = await browser.postJson(`${base}/finish`, {});
    expect(finish.status).toBe(400);

    const person = await createPerson(portal.app);
    expect((await browser.postJson(`${base}/password`, { email: person.email, password: person.password })).json().step).toBe('enrol-totp');
    const early = await browser.postJson(`${base}/finish`, {});
    expect(early.status).toBe(400);
  });

  it('answers 410 interaction_expired without the interaction cookie (another browser)', async () => {
    const { base } = await atPasswordStep();
    const stranger = new Browser(portal.url);
    const state = await stranger.get(`${base}/state`);
    expect(state.status).toBe(410);
    expect(state.json().code).toBe('interaction_expired');
  });

  it('refuses a disabled account at the password step (with the right password)', async () => {
    const person = await createPerson(portal.app);
    await portal.app.get(AccountsService).disableUser(person.id, 'test', CLI_CONTEXT);
    const { browser, base } = await atPasswordStep();
    const refused = await browser.postJson(`${base}/password`, { email: person.email, password: person.password });
    expect(refused.status).toBe(403);
    expect(refused.json().code).toBe('account_disabled');
  });

  it('signs a disabled person out of the portal at their next request', async () => {
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    await signInThroughInteraction(browser, '/api/auth/sign-in', person);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    await portal.app.get(AccountsService).disableUser(person.id, 'test', CLI_CONTEXT);
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });
});
