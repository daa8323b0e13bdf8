import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { type CatalogApp, FeedRoutes, type FeedStatus } from '@passerelle/contracts';
import { I18nService } from '../../core/i18n';
import { expectCall, flushError } from '../../../testing/identity-fixtures';
import { provideTestI18n, query, textOf } from '../../../testing/test-helpers';
import { catalogApp } from '../testing/catalog-fixtures';
import { nextCall } from '../testing/next-call';
import { AppFeedStatusComponent } from './app-feed-status.component';

@Component({
  imports: [AppFeedStatusComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<psl-app-feed-status [app]="app()" />',
})
class HostComponent {
  readonly app = signal<CatalogApp>(catalogApp({ id: 'backups', name: 'Backups', feedUrl: 'https://status.acme.test/feed.xml' }));
}

function feedStatus(overrides: Partial<FeedStatus> = {}): FeedStatus {
  return {
    appId: 'backups',
    url: 'https://status.acme.test/feed.xml',
    state: 'ok',
    lastCheckedAt: '2026-12-07T10:05:00Z',
    lastSuccessAt: '2026-12-07T10:05:00Z',
    nextCheckAt: '2026-12-07T10:10:00Z',
    consecutiveFailures: 0,
    message: null,
    problem: null,
    itemsSeen: 12,
    ...overrides,
  };
}

describe('AppFeedStatusComponent (the app editor’s feed card)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<HostComponent>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideTestI18n()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostComponent);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  const card = () => fixture.nativeElement as HTMLElement;
  const text = (testId: string) => textOf(query(card(), `[data-testid="${testId}"]`));

  async function flushStatus(status: FeedStatus): Promise<void> {
    (await nextCall(http, 'GET', FeedRoutes.status('backups'))).flush(status);
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('shows a placeholder of the same size while loading, then the facts', async () => {
    expect(card().querySelector('.feed__placeholder[aria-busy="true"]')).not.toBeNull();
    await flushStatus(feedStatus());
    expect(card().querySelector('.feed__placeholder')).toBeNull();
    expect(text('feed-url')).toBe('https://status.acme.test/feed.xml');
    expect(text('feed-state')).toBe('Working');
    expect(query(card(), '[data-testid="feed-state"]').className).toContain('badge--success');
    expect(text('feed-last-checked')).toContain('2026');
    expect(text('feed-failures')).toBe('0');
    expect(text('feed-items')).toBe('12');
    expect(card().querySelector('[data-testid="feed-problem"]')).toBeNull();
  });

  it('says a feed never checked is checked soon', async () => {
    await flushStatus(feedStatus({ state: 'never', lastCheckedAt: null, lastSuccessAt: null, nextCheckAt: null, itemsSeen: 0 }));
    expect(text('feed-state')).toBe('Not checked yet');
    expect(text('feed-last-checked')).toBe('Never');
    expect(text('feed-last-success')).toBe('Never');
    expect(text('feed-next-check')).toBe('Within a minute');
  });

  it('explains an error in the console’s language, from its code', async () => {
    await flushStatus(
      feedStatus({ state: 'error', consecutiveFailures: 3, message: 'The feed answered 503.', problem: { code: 'http_status', params: { status: '503' } } }),
    );
    expect(text('feed-state')).toBe('Failing');
    expect(text('feed-failures')).toBe('3');
    expect(textOf(query(card(), '[data-testid="feed-problem"] .notice__title'))).toBe('What went wrong');
    expect(text('feed-problem-text')).toBe('The feed answered 503.');
    TestBed.inject(I18nService).setLocale('fr');
    fixture.detectChanges();
    expect(text('feed-state')).toBe('En échec');
    expect(textOf(query(card(), '[data-testid="feed-problem"] .notice__title'))).toBe('Ce qui ne va pas');
    expect(text('feed-problem-text')).toBe('Le flux a répondu 503.');
  });

  it('explains a blocked address and how an administrator may allow it', async () => {
    await flushStatus(
      feedStatus({
        state: 'blocked',
        consecutiveFailures: 1,
        message: 'The feed’s address is refused: 127.0.0.1 is a loopback address (this machine). An administrator may allow it with FEED_ALLOW_PRIVATE.',
        problem: { code: 'address_refused', params: { address: '127.0.0.1', range: 'loopback', host: '', redirect: '' } },
      }),
    );
    expect(text('feed-state')).toBe('Blocked');
    expect(text('feed-problem-text')).toBe('The address 127.0.0.1 is refused: it is a loopback address (the server itself).');
    expect(text('feed-problem')).toContain('add its host or address to FEED_ALLOW_PRIVATE');
    TestBed.inject(I18nService).setLocale('fr');
    fixture.detectChanges();
    expect(text('feed-problem-text')).toBe('L’adresse 127.0.0.1 est refusée : c’est une adresse de bouclage (le serveur lui-même).');
  });

  it('falls back to the server’s sentence for a problem it does not know', async () => {
    await flushStatus(feedStatus({ state: 'error', message: 'Something new went wrong.', problem: { code: 'brand_new' as never, params: {} } }));
    expect(text('feed-problem-text')).toBe('Something new went wrong.');
  });

  it('checks now on request, shows the outcome and announces it', async () => {
    await flushStatus(feedStatus({ state: 'error', consecutiveFailures: 2, problem: { code: 'timeout', params: { seconds: '10' } }, message: 'x' }));
    const button = query<HTMLButtonElement>(card(), '[data-testid="feed-check"]');
    button.click();
    fixture.detectChanges();
    expect(button.disabled).toBeTrue();
    expect(textOf(query(card(), '[role="status"]'))).toBe('Checking the feed…');
    const check = expectCall(http, 'POST', FeedRoutes.check('backups'));
    check.flush(feedStatus({ state: 'not_modified', itemsSeen: 12 }));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(button.disabled).toBeFalse();
    expect(text('feed-state')).toBe('Working (no change since the last check)');
    expect(text('feed-checked')).toBe('Checked just now: Working (no change since the last check).');
    expect(card().querySelector('[data-testid="feed-problem"]')).toBeNull();
  });

  it('says why a check could not be made', async () => {
    await flushStatus(feedStatus());
    query<HTMLButtonElement>(card(), '[data-testid="feed-check"]').click();
    flushError(expectCall(http, 'POST', FeedRoutes.check('backups')), 403, 'forbidden');
    await fixture.whenStable();
    fixture.detectChanges();
    expect(text('feed-check-error')).toBe('You are not allowed to do this.');
    expect(text('feed-state')).toBe('Working');
  });

  it('offers to try again when the status cannot be loaded', async () => {
    flushError(await nextCall(http, 'GET', FeedRoutes.status('backups')), 500, 'internal_error');
    await fixture.whenStable();
    fixture.detectChanges();
    expect(text('feed-load-error')).toContain('The feed’s status could not be loaded.');
    query<HTMLButtonElement>(card(), '[data-testid="feed-load-error"] button').click();
    await flushStatus(feedStatus());
    expect(text('feed-state')).toBe('Working');
  });

  it('loads again when the app’s feed URL changes', async () => {
    await flushStatus(feedStatus());
    fixture.componentInstance.app.update((app) => ({ ...app, feedUrl: 'https://status.acme.test/other.xml' }));
    fixture.detectChanges();
    await flushStatus(feedStatus({ url: 'https://status.acme.test/other.xml', state: 'never', lastCheckedAt: null, lastSuccessAt: null, nextCheckAt: null }));
    expect(text('feed-url')).toBe('https://status.acme.test/other.xml');
    expect(text('feed-state')).toBe('Not checked yet');
  });
});
