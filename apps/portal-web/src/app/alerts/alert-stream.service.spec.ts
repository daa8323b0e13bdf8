import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AlertRoutes, type AlertStateEvent, type AlertView } from '@passerelle/contracts';
import { provideTestI18n } from '../../testing/test-helpers';
import { tick } from '../../testing/identity-fixtures';
import { SessionService } from '../core/session/session.service';
import { aUser } from '../core/session/testing';
import { AlertCountsStore } from './alert-counts.store';
import { AlertStreamService, STREAM_COUNTS_WAIT_MS, STREAM_QUIET_DROP_MS, STREAM_REOPEN_DELAYS_MS } from './alert-stream.service';
import { sessionWithUser } from '../../testing/signed-in-session';
import { FakeEventSources, alertCounts, alertView } from './testing/alert-fixtures';

describe('AlertStreamService', () => {
  let sources: FakeEventSources;
  let session: ReturnType<typeof sessionWithUser>;
  let http: HttpTestingController;
  let stream: AlertStreamService;

  function setUp(signedIn = true): void {
    sources = new FakeEventSources();
    session = sessionWithUser(signedIn ? aUser() : null);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTestI18n(),
        sources.provider(),
        { provide: SessionService, useValue: session.stub },
        { provide: STREAM_QUIET_DROP_MS, useValue: 30 },
        { provide: STREAM_REOPEN_DELAYS_MS, useValue: [5, 10] },
        { provide: STREAM_COUNTS_WAIT_MS, useValue: 20 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    stream = TestBed.inject(AlertStreamService);
    TestBed.tick();
  }

  afterEach(() => http.verify());

  it('opens one stream on /api/events while someone is signed in, and closes it at sign-out', () => {
    setUp(false);
    expect(sources.opened.length).toBe(0);
    expect(stream.connection()).toBe('off');

    session.user.set(aUser());
    TestBed.tick();
    expect(sources.opened.length).toBe(1);
    expect(sources.latest.url).toBe(AlertRoutes.events);
    expect(stream.connection()).toBe('connecting');
    sources.latest.open();
    expect(stream.connection()).toBe('live');
    sources.latest.send('counts', alertCounts({ unread: 2, byApp: { crm: 2 } }), '7');
    expect(stream.counts()?.unread).toBe(2);

    session.user.set(null);
    TestBed.tick();
    expect(sources.latest.closed).toBeTrue();
    expect(sources.opened.length).toBe(1);
    expect(stream.counts()).toBeNull();
    expect(stream.connection()).toBe('off');
  });

  it('puts the counts event in the store the bell and the tiles read', () => {
    setUp();
    sources.latest.open();
    sources.latest.send('counts', alertCounts({ unread: 3, critical: 1, byApp: { crm: 2, wiki: 1 } }));
    const store = TestBed.inject(AlertCountsStore);
    expect(store.unread()).toBe(3);
    expect(store.critical()).toBe(1);
    expect(store.unreadFor('crm')).toBe(2);
    expect(store.unreadFor('files')).toBe(0);
  });

  it('passes on alerts, read states and announcements, and drops malformed events', () => {
    setUp();
    const alerts: AlertView[] = [];
    const states: AlertStateEvent[] = [];
    let announcements = 0;
    stream.alerts.subscribe((alert) => alerts.push(alert));
    stream.states.subscribe((state) => states.push(state));
    stream.announcements.subscribe(() => announcements++);
    sources.latest.open();

    sources.latest.send('alert', alertView({ id: 'a9', title: 'Backup failed' }), '10');
    sources.latest.send('alert', '{not json', '11');
    sources.latest.send('alert-state', { ids: ['a9'], read: true }, '12');
    sources.latest.send('announcement', '', '13');

    expect(alerts.map((alert) => alert.title)).toEqual(['Backup failed']);
    expect(states).toEqual([{ ids: ['a9'], read: true }]);
    expect(announcements).toBe(1);
  });

  it('says nothing during a brief drop the browser recovers from, and "interrupted" only when it lasts', async () => {
    setUp();
    sources.latest.open();
    sources.latest.send('counts', alertCounts());

    sources.latest.fail();
    expect(stream.connection()).toBe('connecting');
    sources.latest.open();
    sources.latest.send('counts', alertCounts());
    await tick(40);
    expect(stream.connection()).toBe('live');
    expect(sources.opened.length).toBe(1);

    sources.latest.fail();
    await tick(40);
    expect(stream.connection()).toBe('interrupted');
    expect(sources.opened.length).toBe(1);
    sources.latest.open();
    expect(stream.connection()).toBe('live');
  });

  it('opens a new stream, resuming from the last event id, when the browser gives up on one', async () => {
    setUp();
    let resynced = 0;
    stream.resynced.subscribe(() => resynced++);
    const first = sources.latest;
    first.open();
    first.send('counts', alertCounts(), '41');
    first.send('alert', alertView(), '42');

    first.fail(true);
    expect(first.closed).toBeTrue();
    await tick(15);
    expect(session.stub.load).toHaveBeenCalledWith({ refresh: true });
    expect(sources.opened.length).toBe(2);
    expect(sources.latest.url).toBe(`${AlertRoutes.events}?lastEventId=42`);
    sources.latest.open();
    sources.latest.send('counts', alertCounts());
    expect(resynced).toBe(0);

    // Events from the stream given up on no longer count.
    let late = 0;
    stream.alerts.subscribe(() => late++);
    first.send('alert', alertView({ id: 'old' }), '43');
    expect(late).toBe(0);
  });

  it('asks lists to reload when a new stream had nothing to resume from', async () => {
    setUp();
    let resynced = 0;
    stream.resynced.subscribe(() => resynced++);
    sources.latest.fail(true);
    await tick(15);
    expect(sources.latest.url).toBe(AlertRoutes.events);
    sources.latest.open();
    sources.latest.send('counts', alertCounts());
    expect(resynced).toBe(1);
  });

  it('stops when the session turns out to have ended', async () => {
    setUp();
    sources.latest.open();
    sources.latest.send('counts', alertCounts({ unread: 1 }));
    session.stub.load.and.callFake(() => {
      session.user.set(null);
      return Promise.resolve(null);
    });
    sources.latest.fail(true);
    await tick(15);
    TestBed.tick();
    expect(sources.opened.length).toBe(1);
    expect(stream.counts()).toBeNull();
    expect(stream.connection()).toBe('off');
  });

  it('asks for the counts when the server did not send them as the stream opened', async () => {
    setUp();
    sources.latest.open();
    await tick(30);
    http.expectOne(AlertRoutes.counts).flush(alertCounts({ unread: 4, byApp: { wiki: 4 } }));
    expect(stream.counts()?.unread).toBe(4);

    // When they came with the stream, no request.
    sources.latest.fail();
    sources.latest.open();
    sources.latest.send('counts', alertCounts({ unread: 5 }));
    await tick(30);
    http.expectNone(AlertRoutes.counts);
    expect(stream.counts()?.unread).toBe(5);
  });
});
