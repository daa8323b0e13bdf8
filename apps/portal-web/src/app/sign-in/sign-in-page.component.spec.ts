import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiRoutes, type ApiErrorBody } from '@passerelle/contracts';
import { instanceInfo, provideTestI18n, query, textOf, typeInto } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { SIGN_IN_ENDPOINT } from './sign-in-api.service';
import { SignInPageComponent } from './sign-in-page.component';

describe('SignInPageComponent (/sign-in)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<SignInPageComponent>;
  let page: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTestI18n()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SignInPageComponent);
    page = fixture.nativeElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  async function loadInstance(overrides = {}): Promise<void> {
    http.expectOne(ApiRoutes.instance).flush(instanceInfo(overrides));
    await fixture.whenStable();
  }

  function fill(email: string, password: string): void {
    typeInto(query<HTMLInputElement>(page, '#sign-in-email'), email);
    typeInto(query<HTMLInputElement>(page, '#sign-in-password'), password);
  }

  function submit(): void {
    query<HTMLButtonElement>(page, '[data-testid="sign-in-submit"]').click();
    fixture.detectChanges();
  }

  function expectSignIn(): TestRequest {
    return http.expectOne((request) => request.url === SIGN_IN_ENDPOINT && request.method === 'POST');
  }

  it('shows the organisation name from /api/instance in the heading', async () => {
    expect(page.querySelector('h1 .skeleton')).not.toBeNull();
    await loadInstance({ organisationName: 'Acme Coop' });
    expect(textOf(page.querySelector('h1'))).toBe('Sign in to Acme Coop');
  });

  it('checks the fields on the client and sends nothing when they are wrong', async () => {
    await loadInstance();
    fill('alice', '');
    submit();
    await fixture.whenStable();
    http.expectNone(SIGN_IN_ENDPOINT);
    expect(textOf(page.querySelector('#sign-in-email-error'))).toContain('Enter an email address');
    expect(textOf(page.querySelector('#sign-in-password-error'))).toBe('This field is required.');
    expect(document.activeElement).toBe(page.querySelector('#sign-in-email'));
  });

  it('says calmly that sign-in comes with the identity module when the API answers 404', async () => {
    await loadInstance();
    fill('alice@acme.test', 'correct horse battery');
    submit();
    const request = expectSignIn();
    expect(request.request.body).toEqual({ email: 'alice@acme.test', password: 'correct horse battery' });
    request.flush({ statusCode: 404, code: 'not_found', message: 'Cannot POST' } satisfies ApiErrorBody, {
      status: 404,
      statusText: 'Not Found',
    });
    await fixture.whenStable();

    const outcome = query(page, '[data-testid="sign-in-outcome"]');
    expect(textOf(outcome)).toContain('Sign-in will be available once the identity module is installed.');
    expect(outcome.classList).toContain('notice--info');
    expect(outcome.getAttribute('role')).toBe('status');
    expect(query<HTMLInputElement>(page, '#sign-in-email').value).toBe('alice@acme.test');
  });

  it('shows the same notice in French for a 501', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await loadInstance();
    fill('alice@acme.test', 'correct horse battery');
    submit();
    expectSignIn().flush('', { status: 501, statusText: 'Not Implemented' });
    await fixture.whenStable();
    expect(textOf(query(page, '[data-testid="sign-in-outcome"]'))).toContain(
      'La connexion sera disponible une fois le module d’identité installé.',
    );
  });

  it('reports wrong credentials as an error, never as success', async () => {
    await loadInstance();
    fill('alice@acme.test', 'wrong password here');
    submit();
    expectSignIn().flush({ statusCode: 401, code: 'unauthorized', message: 'No' } satisfies ApiErrorBody, {
      status: 401,
      statusText: 'Unauthorized',
    });
    await fixture.whenStable();
    const outcome = query(page, '[data-testid="sign-in-outcome"]');
    expect(outcome.getAttribute('role')).toBe('alert');
    expect(textOf(outcome)).toContain('do not match');
    expect(textOf(outcome)).not.toContain('signed in');
  });

  it('points to the setup explanation while the portal is not set up', async () => {
    await loadInstance({ setupRequired: true });
    expect(textOf(query(page, '[data-testid="sign-in-setup-required"]'))).toContain('not set up yet');
  });
});
