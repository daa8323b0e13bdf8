import { decodeJwt, createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import type { Dashboard, GuestView } from '@passerelle/contracts';
import { GuestEntity } from '../../../src/app/guests/entities/guest.entity';
import { OidcPayloadEntity } from '../../../src/app/identity/entities/oidc-payload.entity';
import { createSsoApp } from '../../support/catalog';
import {
  acceptInvitation,
  adminBrowser,
  auditOf,
  DAY_MS,
  eventually,
  HOUR_MS,
  inviteGuest,
  iso,
  linkIn,
  mailsTo,
  PortalClock,
  sweep,
  tokenErrorOf,
  userinfoStatusOf,
  type InvitedGuest,
} from '../../support/guests';
import {
  authorizationRequest,
  Browser,
  createPerson,
  discoverAs,
  interactionState,
  interactionUidOf,
  issuerOf,
  redeem,
  registerApp,
  RpServer,
  signInThroughInteraction,
  uniqueEmail,
  type Person,
} from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * "What must be shown" #1: invite → accept → use the allowed app → refused on any other → the end
 * passes → sign-in refused (naming the sponsor), refresh refused, userinfo and introspection
 * inactive, the portal session gone, the app told by back-channel logout — with the background
 * job stopped (GUEST_SWEEP_SECONDS=0): the first use after the end does it.
 *
 * The portal's clock starts ten days before the end, the invitation is accepted then, and real
 * time (offset 0) is five minutes before the end: tokens are issued then and would live well past
 * the end, so only the end of the guest's access can explain their refusal.
 */
describe('Guest lifecycle, with the background job stopped', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let rp: RpServer;
  let clock: PortalClock;
  let admin: Browser;
  let sponsor: Person;
  let appA: Awaited<ReturnType<typeof createSsoApp>>;
  let appB: Awaited<ReturnType<typeof createSsoApp>>;
  let end: Date;
  let guest: InvitedGuest & { password: string };
  let guestBrowser: Browser;
  let configA: client.Configuration;
  let tokensA: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

  beforeAll(async () => {
    rp = await RpServer.start();
    clock = new PortalClock(portal);
    admin = (await adminBrowser(portal)).browser;
    sponsor = await createPerson(portal.app, { name: 'Marie Sponsor' });
    appA = await createSsoApp(portal.app, {
      name: 'Wiki',
      sso: { redirectUris: [rp.url('/a/callback')], backchannelLogoutUri: rp.url('/a/backchannel') },
    });
    // B is for everyone: employees open it without being given it, a guest still may not.
    appB = await createSsoApp(portal.app, { name: 'CRM', visibility: 'everyone', sso: { redirectUris: [rp.url('/b/callback')] } });
    configA = await discoverAs(portal.url, appA.client.clientId, appA.client.clientSecret);
  });

  afterAll(async () => {
    await rp.close();
  });

  it('invites (mail with a one-time link), accepts, and gives tokens for the allowed app only', async () => {
    // Ten days before the end, minus five minutes.
    clock.set(Date.now() - 10 * DAY_MS + 5 * 60_000);
    const invitedAt = clock.now();
    end = new Date(invitedAt.getTime() + 10 * DAY_MS);
    guest = {
      ...(await inviteGuest(admin, { email: uniqueEmail('gaston'), name: 'Gaston Lagaffe', sponsor: sponsor.email, endsAt: iso(end), apps: [appA.app.id], locale: 'en' })),
      password: 'a long guest passphrase',
    };
    const view = guest.response.guest;
    expect(view).toEqual(
      jasmine.objectContaining({
        status: 'invited',
        email: guest.email,
        company: 'Freelance SARL',
        sponsor: { id: sponsor.id, name: 'Marie Sponsor', email: sponsor.email },
        endsAt: iso(end),
        apps: [{ id: appA.app.id, name: 'Wiki' }],
        acceptedAt: null,
        revokedAt: null,
        eraseAfter: null,
      }),
    );
    expect(Math.abs(new Date(view.startsAt).getTime() - invitedAt.getTime())).toBeLessThan(5_000);
    // The invitation works for 72 hours.
    const invitationExpiresAt = new Date(guest.response.invitationExpiresAt).getTime();
    expect(Math.abs(invitationExpiresAt - (invitedAt.getTime() + 72 * HOUR_MS))).toBeLessThan(5_000);
    expect(view.invitationExpiresAt).toBe(guest.response.invitationExpiresAt);
    expect(guest.invitationLink).toMatch(/\/activate#token=[\w-]{43}$/);

    // The invitation mail holds the same link; the administrators' outbox shows it.
    const mails = await mailsTo(portal.dataSource, guest.email);
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toContain('invites you');
    expect(linkIn(mails[0].textBody)).toBe(guest.invitationLink);
    expect(mails[0].textBody).toContain('Marie Sponsor');
    expect(mails[0].textBody).toContain('Wiki');
    const outbox = await admin.get('/api/admin/outbox?pageSize=100');
    expect(outbox.status).toBe(200);
    expect(outbox.json().items.some((m: { to: string; text: string }) => m.to === guest.email && m.text.includes(guest.invitationLink))).toBeTrue();

    const accepted = await acceptInvitation(portal, guest.invitationLink, guest.password);
    expect(accepted.status).toBe(200);
    expect((await admin.get(`/api/guests/${guest.id}`)).json().status).toBe('active');

    // Real time from here: five minutes before the end.
    clock.reset();
    guestBrowser = new Browser(portal.url);
    const request = await authorizationRequest(configA, { redirect_uri: rp.url('/a/callback'), scope: 'openid profile email offline_access' });
    const signIn = await signInThroughInteraction(guestBrowser, request.url, guest);
    // TOTP enrolment is part of a guest's first sign-in.
    expect(signIn.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
    tokensA = await redeem(configA, signIn.callbackUrl, request);
    expect(tokensA.claims()?.sub).toBe(guest.id);
    expect(tokensA.refresh_token).toEqual(jasmine.any(String));
    expect((await client.fetchUserInfo(configA, tokensA.access_token, guest.id)).email).toBe(guest.email);
    expect((await client.tokenIntrospection(configA, tokensA.access_token)).active).toBeTrue();
    tokensA = await client.refreshTokenGrant(configA, tokensA.refresh_token as string);
  });

  it('ends the authorization for any other app on "no access", never with a code', async () => {
    const configB = await discoverAs(portal.url, appB.client.clientId, appB.client.clientSecret);
    const requestB = await authorizationRequest(configB, { redirect_uri: rp.url('/b/callback') });
    const { stoppedAt, hops } = await guestBrowser.follow(requestB.url);
    expect(interactionUidOf(stoppedAt)).withContext(String(stoppedAt)).toEqual(jasmine.any(String));
    const state = await interactionState(guestBrowser, stoppedAt);
    expect(state.step).toBe('no-access');
    expect(state.noAccess).toEqual({ appId: appB.app.id, appName: 'CRM', requestable: false, requestPending: false });
    expect([...hops, stoppedAt].some((url) => url.searchParams.has('code'))).toBeFalse();

    // Silently (prompt=none): access_denied, no code.
    const silent = await authorizationRequest(configB, { redirect_uri: rp.url('/b/callback'), prompt: 'none' });
    const back = await guestBrowser.follow(silent.url);
    expect(back.stoppedAt.searchParams.get('error')).toBe('access_denied');
    expect(back.stoppedAt.searchParams.get('code')).toBeNull();

    // A client outside the catalog (open to employees) is closed to guests.
    const outside = await registerApp(portal.app, { name: 'Reporting API', redirectUris: [rp.url('/outside/callback')] });
    const configOutside = await discoverAs(portal.url, outside.clientId, outside.clientSecret);
    const requestOutside = await authorizationRequest(configOutside, { redirect_uri: rp.url('/outside/callback') });
    const refused = await guestBrowser.follow(requestOutside.url);
    expect(interactionUidOf(refused.stoppedAt)).withContext(String(refused.stoppedAt)).toEqual(jasmine.any(String));
    const outsideState = await interactionState(guestBrowser, refused.stoppedAt);
    expect(outsideState.step).toBe('no-access');
    expect(outsideState.noAccess).toEqual({ appId: '', appName: 'Reporting API', requestable: false, requestPending: false });
    expect(outsideState.redirectTo).toBeUndefined();
    expect([...refused.hops, refused.stoppedAt].some((url) => url.searchParams.has('code'))).toBeFalse();
  });

  it('shows the guest only their app, their end date and their sponsor', async () => {
    const dashboard = (await guestBrowser.get('/api/dashboard')).json() as Dashboard;
    expect(dashboard.apps.map((a) => a.id)).toEqual([appA.app.id]);
    expect(dashboard.requestable).toEqual([]);
    expect(dashboard.guest).toEqual({ endsAt: iso(end), sponsorName: 'Marie Sponsor', sponsorEmail: sponsor.email });
    const me = await guestBrowser.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json()).toEqual(jasmine.objectContaining({ id: guest.id, kind: 'guest', isAdmin: false }));
  });

  it('at the end, the first use refuses everything and ends it all, even with the job stopped', async () => {
    const logoutsBefore = rp.logoutTokens.length;
    clock.set(end.getTime() + 60_000);
    // Nothing ran by itself: the job is stopped.
    expect((await portal.dataSource.getRepository(GuestEntity).findOneByOrFail({ userId: guest.id })).endedAt).toBeNull();

    // The first use after the end — here the app introspecting the access token it holds — is refused…
    expect((await client.tokenIntrospection(configA, tokensA.access_token)).active).toBeFalse();

    // …and ends it all: the app is told by back-channel logout, for this guest and the session it knew.
    const [logoutToken] = (await rp.waitForLogoutTokens(logoutsBefore + 1)).slice(logoutsBefore);
    const { payload } = await jwtVerify(logoutToken, createRemoteJWKSet(new URL(`${issuerOf(portal.url)}/jwks`)), {
      issuer: issuerOf(portal.url),
      audience: appA.client.clientId,
      typ: 'logout+jwt',
    });
    expect(payload.sub).toBe(guest.id);
    expect(payload['sid']).toBe(decodeJwt(tokensA.id_token as string)['sid']);
    expect(rp.received.find((r) => r.body.includes(logoutToken))?.path).toBe('/a/backchannel');

    // Every other token the app holds is refused.
    expect(await tokenErrorOf(client.refreshTokenGrant(configA, tokensA.refresh_token as string))).toBe('invalid_grant');
    expect(await userinfoStatusOf(client.fetchUserInfo(configA, tokensA.access_token, guest.id))).toBe(401);
    expect((await client.tokenIntrospection(configA, tokensA.refresh_token as string)).active).toBeFalse();
    // The portal session too.
    expect((await guestBrowser.get('/api/auth/me')).status).toBe(401);
    expect((await guestBrowser.get('/api/dashboard')).status).toBe(401);

    // Sign-in with the right password: refused, naming the sponsor.
    const fresh = new Browser(portal.url);
    const { stoppedAt } = await fresh.follow('/api/auth/sign-in');
    const uid = interactionUidOf(stoppedAt) as string;
    const right = await fresh.postJson(`/interaction/${uid}/password`, { email: guest.email, password: guest.password });
    expect(right.status).toBe(403);
    expect(right.json().code).toBe('guest_access_ended');
    expect(right.json().message).toContain('Marie Sponsor');
    expect(right.json().params).toEqual({ date: iso(end), sponsor: 'Marie Sponsor', sponsorEmail: sponsor.email });

    // A wrong password says what it says for any account, or none: nothing about the guest.
    const wrong = await fresh.postJson(`/interaction/${uid}/password`, { email: guest.email, password: 'not the password' });
    const nobody = await fresh.postJson(`/interaction/${uid}/password`, { email: uniqueEmail('nobody'), password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(wrong.json().params).toBeUndefined();
    expect({ ...wrong.json(), requestId: undefined }).toEqual({ ...nobody.json(), requestId: undefined });

    // Ended, recorded, and nothing of the provider's is left for this account.
    await eventually(async () => (await auditOf(portal.dataSource, 'guest.access_ended', guest.id)).length === 1, 'guest.access_ended audited');
    const [ended] = await auditOf(portal.dataSource, 'guest.access_ended', guest.id);
    expect(ended.actor).toBe('system');
    expect(JSON.parse(ended.details)).toEqual(jasmine.objectContaining({ revoked: false, eraseAfter: iso(end.getTime() + 30 * DAY_MS) }));
    const row = await portal.dataSource.getRepository(GuestEntity).findOneByOrFail({ userId: guest.id });
    expect(row.endedAt).not.toBeNull();
    expect(row.eraseAfter?.toISOString()).toBe(iso(end.getTime() + 30 * DAY_MS));
    expect(await portal.dataSource.getRepository(OidcPayloadEntity).countBy({ accountId: guest.id })).toBe(0);

    const view = (await admin.get(`/api/guests/${guest.id}`)).json() as GuestView;
    expect(view.status).toBe('ended');
    expect(view.eraseAfter).toBe(iso(end.getTime() + 30 * DAY_MS));
    const sponsorMails = (await mailsTo(portal.dataSource, sponsor.email)).filter((m) => m.subject.includes('has ended'));
    expect(sponsorMails.length).toBe(1);
    expect(sponsorMails[0].subject).toBe("Gaston Lagaffe's guest access has ended");
  });

  it('leaves nothing for the job to do afterwards: no second end, no second mail, no second logout', async () => {
    const logouts = rp.logoutTokens.length;
    const report = await sweep(portal.app);
    expect(report.ended).toBe(0);
    expect((await auditOf(portal.dataSource, 'guest.access_ended', guest.id)).length).toBe(1);
    expect((await mailsTo(portal.dataSource, sponsor.email)).filter((m) => m.subject.includes('has ended')).length).toBe(1);
    expect(rp.logoutTokens.length).toBe(logouts);
    // Still refused after the job.
    const fresh = new Browser(portal.url);
    const uid = interactionUidOf((await fresh.follow('/api/auth/sign-in')).stoppedAt) as string;
    expect((await fresh.postJson(`/interaction/${uid}/password`, { email: guest.email, password: guest.password })).json().code).toBe('guest_access_ended');
  });
});
