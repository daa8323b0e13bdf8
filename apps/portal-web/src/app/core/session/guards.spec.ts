import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthRoutes } from '@passerelle/contracts';
import { routedElement, textOf } from '../../../testing/test-helpers';
import { BrowserService } from './browser.service';
import { adminGuard, authGuard, sponsorGuard, supportGuard } from './guards';
import { aUser } from './testing';

@Component({ selector: 'psl-stub', template: 'page', changeDetection: ChangeDetectionStrategy.OnPush })
class StubComponent {}

describe('authGuard / adminGuard / sponsorGuard / supportGuard', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let assign: jasmine.Spy<(url: string) => void>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: StubComponent },
          { path: 'account', canActivate: [authGuard], component: StubComponent },
          { path: 'admin/users', canActivate: [adminGuard], component: StubComponent },
          { path: 'guests', canActivate: [sponsorGuard], component: StubComponent },
          { path: 'support/queue', canActivate: [supportGuard], component: StubComponent },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    assign = spyOn(TestBed.inject(BrowserService), 'assign');
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function visit(url: string, answer: (me: ReturnType<HttpTestingController['expectOne']>) => void): Promise<string> {
    const navigation = harness.navigateByUrl(url);
    // The router reaches the guard a few ticks later.
    let found = http.match(AuthRoutes.me);
    for (let tick = 0; tick < 20 && !found.length; tick++) {
      await new Promise((resolve) => setTimeout(resolve));
      found = http.match(AuthRoutes.me);
    }
    expect(found.length).withContext('GET /api/auth/me').toBe(1);
    answer(found[0]);
    await navigation.catch(() => undefined);
    return TestBed.inject(Location).path();
  }

  const signedOut = (me: ReturnType<HttpTestingController['expectOne']>) =>
    me.flush({ statusCode: 401, code: 'unauthorized', message: 'No' }, { status: 401, statusText: 'Unauthorized' });

  it('lets a signed-in person in', async () => {
    expect(await visit('/account', (me) => me.flush(aUser()))).toBe('/account');
    expect(textOf(routedElement(harness))).toBe('page');
    expect(assign).not.toHaveBeenCalled();
  });

  it('sends anyone else to sign in, coming back to the page they asked for', async () => {
    expect(await visit('/account?tab=sessions', signedOut)).not.toBe('/account?tab=sessions');
    expect(assign).toHaveBeenCalledOnceWith(`${AuthRoutes.signIn}?returnTo=${encodeURIComponent('/account?tab=sessions')}`);
  });

  it('sends to the home page when the server cannot be asked', async () => {
    expect(await visit('/account', (me) => me.error(new ProgressEvent('error'), { status: 0 }))).toBe('');
    expect(assign).not.toHaveBeenCalled();
  });

  it('lets administrators into administration', async () => {
    expect(await visit('/admin/users', (me) => me.flush(aUser({ isAdmin: true })))).toBe('/admin/users');
  });

  it('sends other signed-in people to the home page', async () => {
    expect(await visit('/admin/users', (me) => me.flush(aUser({ isAdmin: false })))).toBe('');
    expect(assign).not.toHaveBeenCalled();
  });

  it('sends signed-out people to sign in first', async () => {
    await visit('/admin/users', signedOut);
    expect(assign).toHaveBeenCalledOnceWith(`${AuthRoutes.signIn}?returnTo=${encodeURIComponent('/admin/users')}`);
  });

  it('lets employees with the sponsor permission into the guests pages', async () => {
    expect(await visit('/guests', (me) => me.flush(aUser({ permissions: ['sponsor'] })))).toBe('/guests');
  });

  it('lets administrators into the guests pages', async () => {
    expect(await visit('/guests', (me) => me.flush(aUser({ isAdmin: true })))).toBe('/guests');
  });

  it('sends employees without the permission home from the guests pages', async () => {
    expect(await visit('/guests', (me) => me.flush(aUser()))).toBe('');
  });

  it('never lets a guest in as a sponsor', async () => {
    expect(await visit('/guests', (me) => me.flush(aUser({ kind: 'guest', permissions: ['sponsor'] })))).toBe('');
  });

  it('lets support agents into the support queue', async () => {
    expect(await visit('/support/queue', (me) => me.flush(aUser({ permissions: ['support'] })))).toBe('/support/queue');
  });

  it('lets administrators into the support queue', async () => {
    expect(await visit('/support/queue', (me) => me.flush(aUser({ isAdmin: true })))).toBe('/support/queue');
  });

  it('sends employees without the support permission home from the queue', async () => {
    expect(await visit('/support/queue', (me) => me.flush(aUser({ permissions: ['communication'] })))).toBe('');
  });

  it('never lets a guest work the queue', async () => {
    expect(await visit('/support/queue', (me) => me.flush(aUser({ kind: 'guest', permissions: ['support'] })))).toBe('');
  });
});
