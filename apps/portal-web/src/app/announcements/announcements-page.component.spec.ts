import type { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AnnouncementRoutes } from '@passerelle/contracts';
import { flushError } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf } from '../../testing/test-helpers';
import { nextCall } from '../admin/testing/next-call';
import { provideSpecNow } from '../guests/testing/guest-fixtures';
import { AnnouncementsNoticeService } from './announcements-notice.service';
import { AnnouncementsPageComponent } from './announcements-page.component';
import { announcementAdminView } from './testing/announcement-fixtures';

@Component({ selector: 'psl-stub', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="stub">editor</p>' })
class StubComponent {}

describe('AnnouncementsPageComponent (/admin/announcements, /announcements)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideSpecNow()] });
    ({ http, harness } = await routedHarness([
      { path: 'announcements', component: AnnouncementsPageComponent },
      { path: 'announcements/:id', component: StubComponent },
    ]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const rows = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="announcement-row"]'));

  async function open(items = [
    announcementAdminView({ id: 's', title: 'Summer party', status: 'scheduled', pinned: true, audienceGroups: ['Design', 'Finance'] }),
    announcementAdminView({ id: 'p', title: 'New workshop', status: 'published' }),
    announcementAdminView({ id: 'e', title: 'Canteen closed', status: 'expired', expiresAt: new Date(2027, 1, 20, 18, 0).toISOString() }),
  ]): Promise<void> {
    await harness.navigateByUrl('/announcements');
    (await nextCall(http, 'GET', AnnouncementRoutes.manage)).flush(items);
    await harness.fixture.whenStable();
  }

  it('lists each announcement with its status, pin, audience and dates', async () => {
    TestBed.inject(AnnouncementsNoticeService).leave({ key: 'announcements.notice.published', params: { title: 'New workshop' } });
    await open();
    expect(textOf(query(page(), '[data-testid="announcements-notice"]'))).toBe('“New workshop” is published.');
    const [scheduled, published, expired] = rows();
    expect(textOf(query(scheduled, '[data-testid="announcement-status"]'))).toBe('Scheduled');
    expect(textOf(query(published, '[data-testid="announcement-status"]'))).toBe('Published');
    expect(textOf(query(expired, '[data-testid="announcement-status"]'))).toBe('Expired');
    expect(textOf(query(scheduled, '[data-testid="announcement-pinned"]'))).toBe('Pinned');
    expect(published.querySelector('[data-testid="announcement-pinned"]')).toBeNull();
    expect(textOf(query(scheduled, '[data-testid="announcement-audience"]'))).toBe('Design, Finance');
    expect(textOf(query(published, '[data-testid="announcement-audience"]'))).toBe('Every employee');
    expect(textOf(expired)).toContain('20 Feb 2027');
    expect(textOf(published)).toContain('None');
    expect(query(published, '[data-testid="announcement-edit"]').getAttribute('aria-label')).toBe('Edit “New workshop”');
  });

  it('says when there is none yet', async () => {
    await open([]);
    expect(textOf(query(page(), '[data-testid="announcements-empty"]'))).toContain('No announcements yet.');
  });

  it('deletes after a confirmation, and keeps the row when deleting fails', async () => {
    await open();
    query<HTMLButtonElement>(rows()[1], '[data-testid="announcement-delete"]').click();
    harness.fixture.detectChanges();
    const dialog = query(document.body, '[data-testid="announcement-delete-dialog"]');
    expect(textOf(dialog)).toContain('Delete “New workshop”?');
    query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
    flushError(await nextCall(http, 'DELETE', AnnouncementRoutes.one('p')), 403, 'forbidden');
    await harness.fixture.whenStable();
    expect(textOf(dialog)).toContain('You are not allowed to do this.');
    expect(rows().length).toBe(3);

    query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
    (await nextCall(http, 'DELETE', AnnouncementRoutes.one('p'))).flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();
    expect(rows().map((row) => row.dataset['announcementId'])).toEqual(['s', 'e']);
    expect(textOf(query(page(), '[data-testid="announcements-notice"]'))).toBe('“New workshop” was deleted.');
  });

  it('says why the list could not be loaded, and tries again', async () => {
    await harness.navigateByUrl('/announcements');
    flushError(await nextCall(http, 'GET', AnnouncementRoutes.manage), 403, 'forbidden');
    await harness.fixture.whenStable();
    const error = query(page(), '[data-testid="announcements-load-error"]');
    expect(textOf(error)).toContain('You are not allowed to do this.');
    query<HTMLButtonElement>(error, 'button').click();
    (await nextCall(http, 'GET', AnnouncementRoutes.manage)).flush([]);
    await harness.fixture.whenStable();
    expect(page().querySelector('[data-testid="announcements-empty"]')).not.toBeNull();
  });
});
