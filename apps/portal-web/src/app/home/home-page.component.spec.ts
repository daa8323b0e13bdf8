import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, AuthRoutes, CatalogRoutes, type CurrentUser, type Dashboard } from '@passerelle/contracts';
import { instanceInfo, provideTestI18n, query, textOf, routedElement } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { aUser } from '../core/session/testing';
import { AnnouncementsFeedComponent } from '../dashboard/announcements-feed.component';
import { DashboardComponent } from '../dashboard/dashboard.component';
import { HomePageComponent } from './home-page.component';

@Component({ selector: 'psl-sign-in-stub', template: 'sign-in page', changeDetection: ChangeDetectionStrategy.OnPush })
class SignInStubComponent {}

/** The dashboard's announcements have their own spec (and their own requests and live stream). */
@Component({ selector: 'psl-announcements-feed', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class FeedStubComponent {}

function aDashboard(): Dashboard {
  const wiki = { id: 'wiki', name: 'Wiki', description: '', sectionId: null, iconUrl: null, launchUrl: CatalogRoutes.launch('wiki'), sso: true, health: null };
  return { apps: [wiki], sections: [], pinned: [], recent: [], requestable: [], guest: null };
}

/** Lets the page's chained promises reach the next request. */
const nextTick = () => new Promise((resolve) => setTimeout(resolve));

describe('HomePageComponent (/)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: HomePageComponent },
          { path: 'sign-in', component: SignInStubComponent },
        ]),
        provideTestI18n(),
      ],
    });
    TestBed.overrideComponent(DashboardComponent, { remove: { imports: [AnnouncementsFeedComponent] }, add: { imports: [FeedStubComponent] } });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  it('shows progress while it asks the server about the installation', async () => {
    await harness.navigateByUrl('/');
    expect(textOf(routedElement(harness))).toContain('Checking this Passerelle installation');
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired: true }));
    await harness.fixture.whenStable();
  });

  it('explains the setup link and the CLI alternative when setup is required, without a form', async () => {
    await harness.navigateByUrl('/');
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired: true, organisationName: 'Passerelle' }));
    await harness.fixture.whenStable();

    const page = routedElement(harness);
    expect(textOf(page.querySelector('h1'))).toBe('Passerelle needs its first administrator');
    expect(textOf(page)).toContain('npm start');
    expect(textOf(page)).toContain('expires');
    expect(textOf(page.querySelector('pre code'))).toBe(
      'npm run portal -- user create --admin --email you@example.com --name "Your Name"',
    );
    expect(textOf(page)).toContain('It prints a one-time link where you set the password');
    expect(page.querySelector('form, input')).toBeNull();
  });

  function answerMe(user: CurrentUser | null): void {
    const request = http.expectOne(AuthRoutes.me);
    if (user) {
      request.flush(user);
    } else {
      request.flush({ statusCode: 401, code: 'unauthorized', message: 'No' }, { status: 401, statusText: 'Unauthorized' });
    }
  }

  it('shows the signed-in person their dashboard', async () => {
    await harness.navigateByUrl('/');
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired: false }));
    await nextTick();
    answerMe(aUser());
    await nextTick();
    harness.fixture.detectChanges();
    http.expectOne(CatalogRoutes.dashboard).flush(aDashboard());
    await harness.fixture.whenStable();

    const page = routedElement(harness);
    expect(textOf(page.querySelector('h1'))).toBe('Hello, Alice');
    expect(page.querySelector('[data-testid="dashboard"]')).not.toBeNull();
    expect(textOf(query(page, '[data-testid="tile"]'))).toContain('Wiki');
  });

  it('shows the signed-out view when the dashboard finds the session ended elsewhere', async () => {
    await harness.navigateByUrl('/');
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired: false, organisationName: 'Acme Coop' }));
    await nextTick();
    answerMe(aUser());
    await nextTick();
    harness.fixture.detectChanges();
    http
      .expectOne(CatalogRoutes.dashboard)
      .flush({ statusCode: 401, code: 'unauthorized', message: 'No' }, { status: 401, statusText: 'Unauthorized' });
    await nextTick();
    harness.fixture.detectChanges();
    await nextTick();
    answerMe(null);
    await harness.fixture.whenStable();
    expect(query(routedElement(harness), '[data-testid="home-sign-in"]')).toBeTruthy();
  });

  it('shows the organisation and a sign-in button when nobody is signed in', async () => {
    await harness.navigateByUrl('/');
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired: false, organisationName: 'Acme Coop' }));
    await nextTick();
    answerMe(null);
    await harness.fixture.whenStable();

    const page = routedElement(harness);
    expect(textOf(page.querySelector('h1'))).toBe('Acme Coop');
    const signIn = query<HTMLAnchorElement>(page, '[data-testid="home-sign-in"]');
    expect(textOf(signIn)).toBe('Sign in');
    signIn.click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Location).path()).toBe('/sign-in');
    expect(textOf(routedElement(harness))).toBe('sign-in page');
  });

  it('greets in French too', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await harness.navigateByUrl('/');
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired: false }));
    await nextTick();
    answerMe(aUser());
    await nextTick();
    harness.fixture.detectChanges();
    http.expectOne(CatalogRoutes.dashboard).flush(aDashboard());
    await harness.fixture.whenStable();
    expect(textOf(routedElement(harness).querySelector('h1'))).toBe('Bonjour Alice');
  });

  it('offers to try again when the server cannot be reached', async () => {
    await harness.navigateByUrl('/');
    http.expectOne(ApiRoutes.instance).error(new ProgressEvent('error'), { status: 0 });
    await harness.fixture.whenStable();
    const page = routedElement(harness);
    expect(textOf(page.querySelector('h1'))).toBe('The Passerelle server cannot be reached');

    query<HTMLButtonElement>(page, 'button').click();
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired: true }));
    await harness.fixture.whenStable();
    expect(textOf(routedElement(harness).querySelector('h1'))).toBe('Passerelle needs its first administrator');
  });
});
