import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AnnouncementRoutes, type AnnouncementView } from '@passerelle/contracts';
import { Subject } from 'rxjs';
import { expectCall, flushError, tick } from '../../testing/identity-fixtures';
import { provideTestI18n, query, textOf } from '../../testing/test-helpers';
import { AlertStreamService } from '../alerts/alert-stream.service';
import { announcementView, PNG_DATA_URL } from '../announcements/testing/announcement-fixtures';
import { AnnouncementsFeedComponent } from './announcements-feed.component';

describe('AnnouncementsFeedComponent (the dashboard’s announcements)', () => {
  let http: HttpTestingController;
  let stream: { announcements: Subject<void>; resynced: Subject<void> };

  beforeEach(() => {
    stream = { announcements: new Subject<void>(), resynced: new Subject<void>() };
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideTestI18n(), { provide: AlertStreamService, useValue: stream }],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render(items: AnnouncementView[] | 'error') {
    const fixture = TestBed.createComponent(AnnouncementsFeedComponent);
    fixture.detectChanges();
    const request = expectCall(http, 'GET', AnnouncementRoutes.feed);
    if (items === 'error') {
      flushError(request, 500, 'internal_error');
    } else {
      request.flush(items);
    }
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  const articles = (element: HTMLElement) => Array.from(element.querySelectorAll<HTMLElement>('[data-testid="announcement"]'));

  it('shows each announcement with its pin, image, author, date and the server’s HTML', async () => {
    const { element } = await render([
      announcementView({ id: 'p', title: 'Canteen closed Friday', pinned: true, imageUrl: PNG_DATA_URL, imageAlt: 'The canteen’s door', authorName: 'Chloé Comms' }),
      announcementView({ id: 'n', title: 'Welcome Lina', pinned: false }),
    ]);
    expect(query(element, 'h2').textContent).toContain('Announcements');
    const [pinned, plain] = articles(element);
    expect(textOf(pinned)).toContain('Pinned');
    expect(textOf(pinned)).toContain('By Chloé Comms');
    expect(textOf(pinned)).toContain('1 March 2027');
    expect(query(pinned, 'h3').textContent).toBe('Canteen closed Friday');
    expect(pinned.getAttribute('aria-labelledby')).toBe(query(pinned, 'h3').id);
    const image = query<HTMLImageElement>(pinned, '[data-testid="announcement-image"]');
    expect(image.getAttribute('src')).toBe(PNG_DATA_URL);
    expect(image.alt).toBe('The canteen’s door');
    expect(query(pinned, '[data-testid="announcement-body"] strong').textContent).toBe('Rue du Lac 12');
    expect(plain.querySelector('[data-testid="announcement-pin"]')).toBeNull();
    expect(plain.querySelector('img')).toBeNull();
  });

  it('never lets markup that slipped into the HTML run: Angular sanitises it again', async () => {
    const { element } = await render([announcementView({ bodyHtml: '<p>Hi<img src="x" onerror="window.__pwned = true"><script>window.__pwned = true</script></p>' })]);
    const body = query(element, '[data-testid="announcement-body"]');
    expect(body.querySelector('script')).toBeNull();
    expect(body.querySelector('[onerror]')).toBeNull();
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('shows nothing at all while there is no announcement', async () => {
    const { element } = await render([]);
    expect(element.querySelector('[data-testid="announcements-feed"]')).toBeNull();
    expect(textOf(element)).toBe('');
  });

  it('says discreetly when they could not be loaded, and tries again', async () => {
    const { fixture, element } = await render('error');
    expect(textOf(query(element, '[data-testid="announcements-error"]'))).toContain('Announcements could not be loaded.');
    query<HTMLButtonElement>(element, '[data-testid="announcements-error"] button').click();
    expectCall(http, 'GET', AnnouncementRoutes.feed).flush([announcementView()]);
    await fixture.whenStable();
    expect(articles(element).length).toBe(1);
    expect(element.querySelector('[data-testid="announcements-error"]')).toBeNull();
  });

  it('shows three, then the rest on request', async () => {
    const { fixture, element } = await render([1, 2, 3, 4, 5].map((n) => announcementView({ id: `a${n}`, title: `News ${n}` })));
    expect(articles(element).length).toBe(3);
    const more = query<HTMLButtonElement>(element, '[data-testid="announcements-show-all"]');
    expect(textOf(more)).toBe('Show 2 more');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    more.click();
    fixture.detectChanges();
    expect(articles(element).length).toBe(5);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(textOf(more)).toBe('Show fewer');
  });

  it('folds a long text behind “Read more”', async () => {
    const long = 'A long paragraph. '.repeat(40);
    const { fixture, element } = await render([announcementView({ body: long, bodyHtml: `<p>${long}</p>` }), announcementView({ id: 'short' })]);
    const [folded, short] = articles(element);
    const body = query(folded, '[data-testid="announcement-body"]');
    const toggle = query<HTMLButtonElement>(folded, '[data-testid="announcement-more"]');
    expect(body.classList).toContain('announcement__body--folded');
    expect(toggle.getAttribute('aria-controls')).toBe(body.id);
    toggle.click();
    fixture.detectChanges();
    expect(body.classList).not.toContain('announcement__body--folded');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(textOf(toggle)).toBe('Show less');
    expect(short.querySelector('[data-testid="announcement-more"]')).toBeNull();
  });

  it('reloads when the live stream says an announcement changed, keeping the list on screen meanwhile', async () => {
    const { fixture, element } = await render([announcementView({ title: 'First' })]);
    stream.announcements.next();
    fixture.detectChanges();
    expect(articles(element).length).withContext('still shown while reloading').toBe(1);
    expectCall(http, 'GET', AnnouncementRoutes.feed).flush([announcementView({ id: 'n2', title: 'Second', pinned: true }), announcementView({ title: 'First' })]);
    await fixture.whenStable();
    expect(articles(element).map((a) => query(a, 'h3').textContent)).toEqual(['Second', 'First']);

    stream.resynced.next();
    expectCall(http, 'GET', AnnouncementRoutes.feed).flush([]);
    await fixture.whenStable();
    await tick();
    expect(element.querySelector('[data-testid="announcements-feed"]')).toBeNull();
  });

  it('reloads through reload()', async () => {
    const { fixture } = await render([]);
    void fixture.componentInstance.reload();
    expectCall(http, 'GET', AnnouncementRoutes.feed).flush([]);
    await fixture.whenStable();
  });
});
