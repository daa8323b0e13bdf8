import type { GuestList } from '@passerelle/contracts';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { GuestEntity } from '../../../src/app/guests/entities/guest.entity';
import { CLI_MANAGER, GuestsService } from '../../../src/app/guests/guests.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { AppGrantEntity } from '../../../src/app/catalog/entities/app-grant.entity';
import { UserAppPreferenceEntity } from '../../../src/app/catalog/entities/user-app-preference.entity';
import { RecoveryCodeEntity } from '../../../src/app/accounts/entities/recovery-code.entity';
import { TotpCredentialEntity } from '../../../src/app/accounts/entities/totp-credential.entity';
import { OidcPayloadEntity } from '../../../src/app/identity/entities/oidc-payload.entity';
import { SessionDeviceEntity } from '../../../src/app/identity/entities/session-device.entity';
import { SignInFlowEntity } from '../../../src/app/identity/entities/sign-in-flow.entity';
import { OutboxMailEntity } from '../../../src/infra/mail/entities/outbox-mail.entity';
import { SetupTokenEntity } from '../../../src/app/setup/entities/setup-token.entity';
import { signedInBrowser } from '../../support/catalog-rows';
import { createCatalogApp } from '../../support/catalog';
import { acceptedGuest, adminBrowser, auditOf, DAY_MS, inviteGuest, iso, mailsTo, PortalClock, sweep, userRow } from '../../support/guests';
import { createPerson, uniqueEmail, type Browser, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * Time passing for a guest, as the background job sees it: reminders 7 days and 1 day before the
 * end (to the guest and the sponsor, once each), the end, then the erasure of personal data once
 * the retention period is over — leaving a pseudonymous record that the audit trail still points to.
 */
describe('Guest reminders, retention and erasure', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let admin: Browser;
  let sponsor: Person;
  let clock: PortalClock;

  beforeAll(async () => {
    admin = (await adminBrowser(portal)).browser;
    sponsor = await createPerson(portal.app, { name: 'Marie Sponsor' });
  });
  beforeEach(() => {
    clock = new PortalClock(portal);
  });

  const reminders = async (email: string) => (await mailsTo(portal.dataSource, email)).filter((m) => m.subject.includes('ends '));
  const guestRow = (id: string) => portal.dataSource.getRepository(GuestEntity).findOneByOrFail({ userId: id });

  it('reminds the guest and the sponsor 7 days and 1 day before the end, once each, and not before', async () => {
    const end = Date.now() + 20 * DAY_MS;
    const guest = await acceptedGuest(portal, admin, { name: 'Rémi Rappel', sponsor: sponsor.email, endsAt: iso(end), locale: 'en' });
    const sponsorBefore = (await reminders(sponsor.email)).length;

    clock.set(end - 8 * DAY_MS);
    expect((await sweep(portal.app)).reminded).toBe(0);
    expect((await reminders(guest.email)).length).toBe(0);
    expect((await reminders(sponsor.email)).length).toBe(sponsorBefore);

    clock.set(end - 7 * DAY_MS + 60_000);
    expect((await sweep(portal.app)).reminded).toBe(1);
    expect((await sweep(portal.app)).reminded).withContext('a second pass sends nothing more').toBe(0);
    const toGuest = await reminders(guest.email);
    expect(toGuest.map((m) => m.subject)).toEqual(['Your guest access ends in 7 days']);
    expect(toGuest[0].textBody).toContain('ask the person who invited you');
    const toSponsor = (await reminders(sponsor.email)).slice(sponsorBefore);
    expect(toSponsor.map((m) => m.subject)).toEqual(["Rémi Rappel's guest access ends in 7 days"]);
    expect(toSponsor[0].textBody).toContain(`/guests/${guest.id}`);

    clock.set(end - DAY_MS + 60_000);
    expect((await sweep(portal.app)).reminded).toBe(1);
    expect((await sweep(portal.app)).reminded).toBe(0);
    expect((await reminders(guest.email)).map((m) => m.subject)).toEqual(['Your guest access ends in 7 days', 'Your guest access ends tomorrow']);
    expect((await reminders(sponsor.email)).slice(sponsorBefore).map((m) => m.subject)).toEqual([
      "Rémi Rappel's guest access ends in 7 days",
      "Rémi Rappel's guest access ends tomorrow",
    ]);
    expect((await auditOf(portal.dataSource, 'guest.reminded', guest.id)).map((e) => JSON.parse(e.details).days).sort()).toEqual([1, 7]);

    // Extended: the reminders start over for the new end.
    await portal.app.get(GuestsService).update(CLI_MANAGER, guest.id, { endsAt: iso(end + 30 * DAY_MS) }, CLI_CONTEXT);
    expect((await guestRow(guest.id)).remindersSent).toBe('');
    clock.set(end + 30 * DAY_MS - 7 * DAY_MS + 60_000);
    expect((await sweep(portal.app)).reminded).toBe(1);
    expect((await reminders(guest.email)).length).toBe(3);
  });

  it('reminds only the sponsor of a guest who never accepted the invitation', async () => {
    const end = Date.now() + 20 * DAY_MS;
    const guest = await inviteGuest(admin, { sponsor: sponsor.email, endsAt: iso(end), name: 'Ivan Invité' });
    const sponsorBefore = (await reminders(sponsor.email)).length;
    clock.set(end - 7 * DAY_MS + 60_000);
    expect((await sweep(portal.app)).reminded).toBe(1);
    expect((await reminders(guest.email)).length).toBe(0);
    expect((await reminders(sponsor.email)).length).toBe(sponsorBefore + 1);
  });

  it('keeps an ended guest disabled for the retention period, then erases their personal data', async () => {
    const app = await createCatalogApp(portal.app, { name: 'Timesheets' });
    const email = uniqueEmail('erin');
    const end = Date.now() + 10 * DAY_MS;
    const guest = await acceptedGuest(portal, admin, {
      email,
      name: 'Erin Effacée',
      company: 'Ephemeral GmbH',
      note: 'Audit of Q3 invoices',
      sponsor: sponsor.email,
      endsAt: iso(end),
      apps: [app.id],
    });
    // Used for a while: an authenticator, recovery codes, a session, a pinned app.
    const { browser } = await signedInBrowser(portal.url, guest);
    expect((await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [app.id] } })).status).toBeLessThan(300);
    expect(await portal.dataSource.getRepository(UserAppPreferenceEntity).countBy({ userId: guest.id })).toBe(1);

    clock.set(end + 60_000);
    const ended = await sweep(portal.app);
    expect(ended.ended).toBe(1);
    const eraseAfter = end + 30 * DAY_MS;
    expect((await guestRow(guest.id)).eraseAfter?.toISOString()).toBe(iso(eraseAfter));
    expect((await mailsTo(portal.dataSource, sponsor.email)).filter((m) => m.subject === "Erin Effacée's guest access has ended").length).toBe(1);
    expect((await mailsTo(portal.dataSource, email)).length).toBeGreaterThan(0);

    // Just before: still there (disabled), nothing erased.
    clock.set(eraseAfter - 60_000);
    expect((await sweep(portal.app)).erased).toBe(0);
    expect(await userRow(portal.dataSource, guest.id)).not.toBeNull();

    clock.set(eraseAfter + 60_000);
    expect((await sweep(portal.app)).erased).toBe(1);
    expect((await sweep(portal.app)).erased).withContext('erased once').toBe(0);

    // The account and what hung off it are gone…
    expect(await userRow(portal.dataSource, guest.id)).toBeNull();
    for (const [entity, where] of [
      [AppGrantEntity, { userId: guest.id }],
      [UserAppPreferenceEntity, { userId: guest.id }],
      [TotpCredentialEntity, { userId: guest.id }],
      [RecoveryCodeEntity, { userId: guest.id }],
      [SetupTokenEntity, { userId: guest.id }],
      [SignInFlowEntity, { userId: guest.id }],
      [SessionDeviceEntity, { accountId: guest.id }],
      [OidcPayloadEntity, { accountId: guest.id }],
    ] as const) {
      expect(await portal.dataSource.getRepository(entity).countBy(where as never)).withContext(entity.name).toBe(0);
    }
    expect(await mailsTo(portal.dataSource, email)).toEqual([]);
    // The sponsor's mails about the guest (reminders, "has ended") name them: they go too.
    expect(JSON.stringify(await portal.dataSource.getRepository(OutboxMailEntity).find())).withContext('outbox').not.toContain('Effacée');
    // …the guests row stays as a pseudonymous record under the same id…
    const record = await guestRow(guest.id);
    expect(record).toEqual(jasmine.objectContaining({ userId: guest.id, sponsorId: sponsor.id, company: '', note: '' }));
    expect(record.erasedAt).not.toBeNull();
    expect(record.endedAt).not.toBeNull();
    // …and the audit trail still tells the story under that id, without the person's name or address.
    const events = await portal.dataSource.getRepository(AuditEventEntity).findBy({ subject: guest.id });
    expect(events.map((e) => e.type)).toEqual(jasmine.arrayContaining(['user.created', 'guest.invited', 'user.activated', 'guest.access_ended', 'guest.erased']));
    const trail = JSON.stringify(events);
    for (const personal of [email, 'Erin', 'Effacée', 'Ephemeral', 'Q3 invoices']) expect(trail).withContext(personal).not.toContain(personal);
    expect(JSON.parse(events.find((e) => e.type === 'guest.erased')?.details ?? '{}')).toEqual({ reason: 'retention' });

    // Nowhere in the console any more.
    clock.reset();
    const list = (await admin.get(`/api/guests?search=${encodeURIComponent(email)}`)).json() as GuestList;
    expect(list.items).toEqual([]);
    expect((await admin.get(`/api/guests/${guest.id}`)).status).toBe(404);
    expect((await admin.get(`/api/admin/users?search=${encodeURIComponent(email)}`)).json().total).toBe(0);
  });

  it('reactivating an ended guest before the erasure keeps their data', async () => {
    const end = Date.now() + 5 * DAY_MS;
    const guest = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(end), name: 'Rita Retour' });
    clock.set(end + 60_000);
    expect((await sweep(portal.app)).ended).toBe(1);
    const oldEraseAfter = (await guestRow(guest.id)).eraseAfter as Date;

    clock.set(end + 20 * DAY_MS);
    const view = await portal.app.get(GuestsService).update(CLI_MANAGER, guest.id, { endsAt: iso(end + 40 * DAY_MS) }, CLI_CONTEXT);
    expect(view.status).toBe('active');
    expect(view.eraseAfter).toBeNull();
    expect(await auditOf(portal.dataSource, 'guest.reactivated', guest.id)).toEqual([jasmine.any(AuditEventEntity)]);

    clock.set(oldEraseAfter.getTime() + 60_000);
    expect((await sweep(portal.app)).erased).toBe(0);
    expect((await userRow(portal.dataSource, guest.id))?.name).toBe('Rita Retour');
    expect((await guestRow(guest.id)).erasedAt).toBeNull();
  });
});
