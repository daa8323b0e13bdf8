import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthRoutes } from '@passerelle/contracts';
import { BrowserService } from './browser.service';
import { SessionService } from './session.service';
import { aUser } from './testing';

describe('SessionService', () => {
  let http: HttpTestingController;
  let session: SessionService;
  let assign: jasmine.Spy<(url: string) => void>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionService);
    assign = spyOn(TestBed.inject(BrowserService), 'assign');
  });

  afterEach(() => http.verify());

  it('loads the signed-in person once and shares the answer', async () => {
    expect(session.status()).toBe('idle');
    const first = session.load();
    const second = session.load();
    expect(session.status()).toBe('loading');
    http.expectOne({ method: 'GET', url: AuthRoutes.me }).flush(aUser({ isAdmin: true }));
    expect(await first).toEqual(aUser({ isAdmin: true }));
    expect(await second).toEqual(aUser({ isAdmin: true }));
    expect(session.currentUser()?.name).toBe('Alice Martin');
    expect(session.signedIn()).toBeTrue();
    expect(session.isAdmin()).toBeTrue();
    expect(session.status()).toBe('ready');

    expect(await session.load()).toEqual(aUser({ isAdmin: true }));
    http.expectNone(AuthRoutes.me);
  });

  it('reads a 401 as "signed out"', async () => {
    const loading = session.load();
    http.expectOne(AuthRoutes.me).flush({ statusCode: 401, code: 'unauthorized', message: 'No' }, { status: 401, statusText: 'Unauthorized' });
    expect(await loading).toBeNull();
    expect(session.signedIn()).toBeFalse();
    expect(session.status()).toBe('ready');
  });

  it('rejects when the server cannot answer, and asks again next time', async () => {
    const loading = session.load();
    http.expectOne(AuthRoutes.me).error(new ProgressEvent('error'), { status: 0 });
    await expectAsync(loading).toBeRejected();
    expect(session.status()).toBe('error');

    const again = session.load();
    http.expectOne(AuthRoutes.me).flush(aUser());
    expect(await again).toEqual(aUser());
  });

  it('refreshes on request', async () => {
    const first = session.load();
    http.expectOne(AuthRoutes.me).flush(aUser());
    await first;
    const refreshed = session.load({ refresh: true });
    http.expectOne(AuthRoutes.me).flush(aUser({ name: 'Alice Dupont' }));
    expect((await refreshed)?.name).toBe('Alice Dupont');
  });

  it('signs out with a POST, then reloads the app at /', async () => {
    const loading = session.load();
    http.expectOne(AuthRoutes.me).flush(aUser());
    await loading;

    const signingOut = session.signOut();
    const request = http.expectOne({ method: 'POST', url: AuthRoutes.signOut });
    expect(assign).not.toHaveBeenCalled();
    request.flush(null, { status: 204, statusText: 'No Content' });
    await signingOut;
    expect(session.currentUser()).toBeNull();
    expect(assign).toHaveBeenCalledOnceWith('/');
  });

  it('treats an already-ended session as signed out', async () => {
    const signingOut = session.signOut();
    http.expectOne(AuthRoutes.signOut).flush({ statusCode: 401, code: 'unauthorized', message: 'No' }, { status: 401, statusText: 'Unauthorized' });
    await signingOut;
    expect(assign).toHaveBeenCalledOnceWith('/');
  });

  it('stays put when signing out fails', async () => {
    const signingOut = session.signOut();
    http.expectOne(AuthRoutes.signOut).error(new ProgressEvent('error'), { status: 0 });
    await expectAsync(signingOut).toBeRejected();
    expect(assign).not.toHaveBeenCalled();
  });
});
