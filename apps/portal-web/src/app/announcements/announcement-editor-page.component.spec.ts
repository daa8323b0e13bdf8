import type { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { type AnnouncementAdminView, type AnnouncementOptions, AnnouncementRoutes, type SaveAnnouncementRequest } from '@passerelle/contracts';
import { expectCall, flushError, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { nextCall } from '../admin/testing/next-call';
import { provideSpecNow } from '../guests/testing/guest-fixtures';
import { AnnouncementEditorPageComponent } from './announcement-editor-page.component';
import { AnnouncementsNoticeService } from './announcements-notice.service';
import { announcementAdminView, PNG_DATA_URL } from './testing/announcement-fixtures';

@Component({ selector: 'psl-stub', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="stub">list</p>' })
class StubComponent {}

const OPTIONS: AnnouncementOptions = { groups: ['Design', 'Finance'] };
/** A local date and time as the datetime-local field writes it. */
const local = (value: string) => new Date(value).toISOString();

describe('AnnouncementEditorPageComponent (…/announcements/new, …/announcements/:id)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    // "Now" is 1 March 2027, 10:00 in the browser's time zone.
    TestBed.configureTestingModule({ providers: [provideSpecNow()] });
    ({ http, harness } = await routedHarness([
      { path: 'admin/announcements', component: StubComponent },
      { path: 'admin/announcements/new', component: AnnouncementEditorPageComponent },
      { path: 'admin/announcements/:announcementId', component: AnnouncementEditorPageComponent },
    ]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const errorOf = (field: string) => textOf(page().querySelector(`#announcement-${field}-error`));
  const input = <T extends HTMLElement = HTMLInputElement>(testId: string) => query<T>(page(), `[data-testid="${testId}"]`);

  async function openNew(): Promise<void> {
    await harness.navigateByUrl('/admin/announcements/new');
    (await nextCall(http, 'GET', AnnouncementRoutes.options)).flush(OPTIONS);
    await stable();
  }

  async function openExisting(announcement: AnnouncementAdminView): Promise<void> {
    await harness.navigateByUrl(`/admin/announcements/${announcement.id}`);
    (await nextCall(http, 'GET', AnnouncementRoutes.options)).flush(OPTIONS);
    (await nextCall(http, 'GET', AnnouncementRoutes.one(announcement.id))).flush(announcement);
    await stable();
  }

  async function submit(): Promise<void> {
    input<HTMLButtonElement>('announcement-submit').click();
    harness.fixture.detectChanges();
    await tick();
    harness.fixture.detectChanges();
  }

  function chooseFile(file: File): Promise<void> {
    const component = harness.routeDebugElement?.componentInstance as AnnouncementEditorPageComponent;
    return component.takeImage(file);
  }

  it('checks the title, the dates and the image’s description before sending anything', async () => {
    await openNew();
    await submit();
    expect(errorOf('title')).toBe('This field is required.');
    expect(document.activeElement?.id).toBe('announcement-title');

    typeInto(input('announcement-title'), 'Office move');
    typeInto(input('announcement-publish-at'), '2027-03-10T09:00');
    typeInto(input('announcement-expires-at'), '2027-03-09T09:00');
    harness.fixture.detectChanges();
    expect(errorOf('expiresAt')).toBe('The expiry must come after the publication.');
    expect(input('announcement-expires-at').getAttribute('aria-invalid')).toBe('true');
    expect(input('announcement-expires-at').getAttribute('aria-describedby')).toContain('announcement-expiresAt-error');

    typeInto(input('announcement-publish-at'), '');
    typeInto(input('announcement-expires-at'), '2027-02-28T09:00');
    harness.fixture.detectChanges();
    expect(errorOf('expiresAt')).toBe('The expiry must be in the future.');

    typeInto(input('announcement-expires-at'), '');
    typeInto(input('announcement-publish-at'), '2028-04-01T09:00');
    harness.fixture.detectChanges();
    expect(errorOf('publishAt')).toBe('Schedule it within 365 days.');
    typeInto(input('announcement-publish-at'), '');

    await chooseFile(new File(['GIF89a'], 'party.gif', { type: 'image/gif' }));
    harness.fixture.detectChanges();
    expect(textOf(input('announcement-image-error'))).toBe('Choose a PNG, JPEG or WebP image.');
    await chooseFile(new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
    harness.fixture.detectChanges();
    expect(textOf(input('announcement-image-error'))).toBe('This image is larger than 2 MB.');

    await chooseFile(new File([Uint8Array.from(atob(PNG_DATA_URL.split(',')[1]), (c) => c.charCodeAt(0))], 'door.png', { type: 'image/png' }));
    await stable();
    expect(page().querySelector('[data-testid="announcement-image-error"]')).toBeNull();
    expect(input<HTMLImageElement>('announcement-image-preview').src).toContain('data:image/png;base64,');
    await submit();
    expect(errorOf('imageAlt')).toBe('Describe the image.');
    expect(document.activeElement?.id).toBe('announcement-imageAlt');
    // Nothing was sent: http.verify() in afterEach fails on any request.
  });

  it('previews the text as readers will see it, HTML shown as text', async () => {
    await openNew();
    expect(textOf(input('announcement-preview'))).toBe('The text appears here as readers will see it.');
    typeInto(input<HTMLTextAreaElement>('announcement-body') as unknown as HTMLInputElement, 'Hello **team** <script>alert(1)</script>');
    harness.fixture.detectChanges();
    const preview = input('announcement-preview');
    expect(preview.querySelector('strong')?.textContent).toBe('team');
    expect(preview.querySelector('script')).toBeNull();
    expect(textOf(preview)).toContain('<script>alert(1)</script>');
  });

  it('publishes to the chosen groups, then uploads the image, and tells the list', async () => {
    await openNew();
    typeInto(input('announcement-title'), '  New workshop  ');
    typeInto(input<HTMLTextAreaElement>('announcement-body') as unknown as HTMLInputElement, 'Come and see it.');
    input('announcement-group-Finance').click();
    input('announcement-pinned').click();
    typeInto(input('announcement-expires-at'), '2027-03-31T18:00');
    await chooseFile(new File([Uint8Array.from(atob(PNG_DATA_URL.split(',')[1]), (c) => c.charCodeAt(0))], 'door.png', { type: 'image/png' }));
    await stable();
    typeInto(input('announcement-image-alt'), 'The new workshop’s door');
    await submit();

    const create = expectCall(http, 'POST', AnnouncementRoutes.manage);
    expect(create.request.body as SaveAnnouncementRequest).toEqual({
      title: 'New workshop',
      body: 'Come and see it.',
      audienceGroups: ['Finance'],
      publishAt: null,
      expiresAt: local('2027-03-31T18:00'),
      pinned: true,
    });
    create.flush(announcementAdminView({ id: 'n9', title: 'New workshop', audienceGroups: ['Finance'], pinned: true, expiresAt: local('2027-03-31T18:00') }));
    const image = await nextCall(http, 'PUT', AnnouncementRoutes.image('n9'));
    expect(image.request.body).toEqual({ image: PNG_DATA_URL.split(',')[1], alt: 'The new workshop’s door' });
    image.flush(announcementAdminView({ id: 'n9', title: 'New workshop', imageUrl: '/api/announcements/n9/image?v=abc' }));
    await stable();
    expect(harness.routeNativeElement?.querySelector('[data-testid="stub"]')).not.toBeNull();
    expect(TestBed.inject(AnnouncementsNoticeService).take()).toEqual({ key: 'announcements.notice.published', params: { title: 'New workshop' } });
  });

  it('shows the server’s refusals next to their fields, and saves again as an update once created', async () => {
    await openNew();
    typeInto(input('announcement-title'), 'Budget');
    input('announcement-group-Design').click();
    await chooseFile(new File([Uint8Array.from(atob(PNG_DATA_URL.split(',')[1]), (c) => c.charCodeAt(0))], 'chart.png', { type: 'image/png' }));
    await stable();
    typeInto(input('announcement-image-alt'), 'A chart');
    await submit();
    expectCall(http, 'POST', AnnouncementRoutes.manage).flush(announcementAdminView({ id: 'n7', title: 'Budget', audienceGroups: ['Design'] }));
    // The announcement is saved, but its image is refused.
    flushError(await nextCall(http, 'PUT', AnnouncementRoutes.image('n7')), 400, 'validation_failed', { image: ['This is not a PNG, JPEG or WebP image.'] });
    await stable();
    harness.fixture.detectChanges();
    expect(textOf(input('announcement-image-error'))).toBe('This is not a PNG, JPEG or WebP image.');
    expect(page().querySelector('[data-testid="announcement-error"]')).not.toBeNull();

    await submit();
    const update = expectCall(http, 'PUT', AnnouncementRoutes.one('n7'));
    flushError(update, 400, 'validation_failed', { audienceGroups: ['No group is named “Design”.'], alt: ['Use at most 300 characters.'] });
    await stable();
    harness.fixture.detectChanges();
    expect(errorOf('audienceGroups')).toBe('No group is named “Design”.');
    expect(errorOf('imageAlt')).toBe('Use at most 300 characters.');
  });

  it('edits an announcement, sending its dates back exactly while they are unchanged', async () => {
    const saved = announcementAdminView({
      id: 'n3',
      title: 'Old news',
      body: 'Text',
      publishAt: '2027-02-01T08:30:45.123Z',
      expiresAt: '2027-02-20T08:30:45.123Z',
      status: 'expired',
      audienceGroups: ['Design'],
      imageUrl: PNG_DATA_URL,
      imageAlt: 'A door',
    });
    await openExisting(saved);
    expect(input('announcement-title').value).toBe('Old news');
    expect(input('announcement-group-Design').checked).toBeTrue();
    const shown = new Date(saved.publishAt);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(input('announcement-publish-at').value).toBe(`${shown.getFullYear()}-${pad(shown.getMonth() + 1)}-${pad(shown.getDate())}T${pad(shown.getHours())}:${pad(shown.getMinutes())}`);
    expect(input('announcement-image-alt').value).toBe('A door');
    // An expiry already past is no problem while it is left as it was.
    typeInto(input('announcement-title'), 'Old news (typo fixed)');
    await submit();
    const update = expectCall(http, 'PUT', AnnouncementRoutes.one('n3'));
    expect(update.request.body).toEqual({
      title: 'Old news (typo fixed)',
      body: 'Text',
      audienceGroups: ['Design'],
      publishAt: '2027-02-01T08:30:45.123Z',
      expiresAt: '2027-02-20T08:30:45.123Z',
      pinned: false,
      imageAlt: 'A door',
    });
    update.flush({ ...saved, title: 'Old news (typo fixed)' });
    await stable();
    expect(TestBed.inject(AnnouncementsNoticeService).take()?.key).toBe('announcements.notice.expired');
  });

  it('removes the stored image when asked', async () => {
    await openExisting(announcementAdminView({ id: 'n4', imageUrl: PNG_DATA_URL, imageAlt: 'A door' }));
    input<HTMLButtonElement>('announcement-image-remove').click();
    harness.fixture.detectChanges();
    expect(page().querySelector('[data-testid="announcement-image-alt"]')).toBeNull();
    await submit();
    const update = expectCall(http, 'PUT', AnnouncementRoutes.one('n4'));
    expect((update.request.body as SaveAnnouncementRequest).imageAlt).toBeUndefined();
    update.flush(announcementAdminView({ id: 'n4', imageUrl: PNG_DATA_URL }));
    (await nextCall(http, 'DELETE', AnnouncementRoutes.image('n4'))).flush(announcementAdminView({ id: 'n4' }));
    await stable();
  });
});
