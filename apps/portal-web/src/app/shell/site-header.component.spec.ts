import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiRoutes, AuthRoutes, type CurrentUser } from '@passerelle/contracts';
import { instanceInfo, provideTestI18n, query, textOf } from '../../testing/test-helpers';
import { FakeEventSources } from '../alerts/testing/alert-fixtures';
import { I18nService } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { BrowserService } from '../core/session/browser.service';
import { aUser } from '../core/session/testing';
import { SiteHeaderComponent } from './site-header.component';
import { initialsOf } from './user-menu.component';

@Component({ selector: 'psl-stub', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class StubComponent {}

describe('SiteHeaderComponent (session)', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<SiteHeaderComponent>;
  let header: HTMLElement;
  let assign: jasmine.Spy<(url: string) => void>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'account', component: StubComponent },
          { path: 'admin/users', component: StubComponent },
          { path: 'guests', component: StubComponent },
        ]),
        provideTestI18n(),
        // The bell beside the user menu opens the alert stream once someone is signed in.
        new FakeEventSources().provider(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    assign = spyOn(TestBed.inject(BrowserService), 'assign');
    fixture = TestBed.createComponent(SiteHeaderComponent);
    header = fixture.nativeElement;
    document.body.appendChild(header);
    fixture.detectChanges();
  });

  afterEach(() => {
    header.remove();
    http.verify();
  });

  async function load(user: CurrentUser | null, setupRequired = false): Promise<void> {
    // The app shell loads the instance facts; here the spec does.
    void TestBed.inject(InstanceService).load().catch(() => undefined);
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ setupRequired }));
    const me = http.expectOne(AuthRoutes.me);
    if (user) {
      me.flush(user);
    } else {
      me.flush({ statusCode: 401, code: 'unauthorized', message: 'No' }, { status: 401, statusText: 'Unauthorized' });
    }
    await fixture.whenStable();
  }

  async function press(target: Element, key: string): Promise<void> {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await fixture.whenStable();
  }

  function button(): HTMLButtonElement {
    return query<HTMLButtonElement>(header, '[data-testid="user-menu-button"]');
  }

  function items(): HTMLElement[] {
    return Array.from(header.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  }

  function menuOpen(): boolean {
    return button().getAttribute('aria-expanded') === 'true';
  }

  it('reserves the place of the user menu while the session loads', async () => {
    expect(header.querySelector('.session-skeleton')).not.toBeNull();
    await load(aUser());
    expect(header.querySelector('.session-skeleton')).toBeNull();
  });

  it('shows the signed-in person’s initials and name on the menu button', async () => {
    await load(aUser());
    expect(textOf(button())).toContain('AM');
    expect(textOf(button())).toContain('Alice');
    // Its accessible name is hidden text inside it (an aria-label would hide the visible initials).
    expect(textOf(button().querySelector('.visually-hidden'))).toBe('Account menu for Alice Martin');
    expect(button().getAttribute('aria-label')).toBeNull();
    expect(button().getAttribute('aria-haspopup')).toBe('menu');
    expect(menuOpen()).toBeFalse();
  });

  it('opens the menu on the first item and moves with the arrow keys, Home and End', async () => {
    await load(aUser({ isAdmin: true }));
    button().click();
    await fixture.whenStable();
    expect(menuOpen()).toBeTrue();
    expect(items().map(textOf)).toEqual(['Your account', 'Support — my tickets', 'Administration', 'Sign out']);
    expect(document.activeElement).toBe(items()[0]);

    await press(items()[0], 'ArrowDown');
    expect(document.activeElement).toBe(items()[1]);
    await press(items()[1], 'End');
    expect(document.activeElement).toBe(items()[3]);
    await press(items()[3], 'ArrowDown');
    expect(document.activeElement).toBe(items()[0]);
    await press(items()[0], 'ArrowUp');
    expect(document.activeElement).toBe(items()[3]);
    await press(items()[3], 'Home');
    expect(document.activeElement).toBe(items()[0]);
  });

  it('closes on Escape and gives focus back to the button', async () => {
    await load(aUser());
    await press(button(), 'ArrowUp');
    expect(menuOpen()).toBeTrue();
    expect(document.activeElement).toBe(items()[items().length - 1]);
    await press(items()[0], 'Escape');
    expect(menuOpen()).toBeFalse();
    expect(document.activeElement).toBe(button());
  });

  it('shows "Administration" to administrators only, with the right links', async () => {
    await load(aUser({ isAdmin: false }));
    button().click();
    await fixture.whenStable();
    expect(items().map(textOf)).toEqual(['Your account', 'Support — my tickets', 'Sign out']);
    expect(query(header, '[data-testid="user-menu-account"]').getAttribute('href')).toBe('/account');
    // Everyone signed in reaches their support tickets from the menu.
    expect(query(header, '[data-testid="user-menu-my-tickets"]').getAttribute('href')).toBe('/support');
  });

  describe('"My guests"', () => {
    async function menuFor(user: CurrentUser): Promise<string[]> {
      await load(user);
      button().click();
      await fixture.whenStable();
      return items().map(textOf);
    }

    it('is offered to an employee allowed to sponsor guests, linking to /guests', async () => {
      expect(await menuFor(aUser({ permissions: ['sponsor'] }))).toEqual(['Your account', 'Support — my tickets', 'My guests', 'Sign out']);
      expect(query(header, '[data-testid="user-menu-guests"]').getAttribute('href')).toBe('/guests');
      // It is a menu item like the others: the arrow keys reach it (after "Support — my tickets").
      await press(items()[0], 'ArrowDown');
      await press(items()[1], 'ArrowDown');
      expect(document.activeElement).toBe(query(header, '[data-testid="user-menu-guests"]'));
    });

    it('is not offered to an employee without the sponsor permission', async () => {
      expect(await menuFor(aUser())).toEqual(['Your account', 'Support — my tickets', 'Sign out']);
      expect(header.querySelector('[data-testid="user-menu-guests"]')).toBeNull();
    });

    it('is not offered to a guest, even one whose permissions say sponsor', async () => {
      expect(await menuFor(aUser({ kind: 'guest', permissions: ['sponsor'] }))).toEqual(['Your account', 'Support — my tickets', 'Sign out']);
      expect(header.querySelector('[data-testid="user-menu-guests"]')).toBeNull();
    });

    it('is not offered to an administrator, who reaches the guests from the console', async () => {
      expect(await menuFor(aUser({ isAdmin: true, permissions: ['sponsor'] }))).toEqual(['Your account', 'Support — my tickets', 'Administration', 'Sign out']);
      expect(header.querySelector('[data-testid="user-menu-guests"]')).toBeNull();
    });

    it('in French', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      expect(await menuFor(aUser({ permissions: ['sponsor'] }))).toEqual(['Votre compte', 'Support — mes demandes', 'Mes invités', 'Se déconnecter']);
    });
  });

  describe('"Announcements"', () => {
    async function menuFor(user: CurrentUser): Promise<string[]> {
      await load(user);
      button().click();
      await fixture.whenStable();
      return items().map(textOf);
    }

    it('is offered to an employee allowed to publish announcements, linking to /announcements', async () => {
      expect(await menuFor(aUser({ permissions: ['communication'] }))).toEqual(['Your account', 'Support — my tickets', 'Announcements', 'Sign out']);
      expect(query(header, '[data-testid="user-menu-announcements"]').getAttribute('href')).toBe('/announcements');
    });

    it('is not offered to a guest, even one whose permissions say communication', async () => {
      expect(await menuFor(aUser({ kind: 'guest', permissions: ['communication'] }))).toEqual(['Your account', 'Support — my tickets', 'Sign out']);
    });

    it('is not offered to an administrator, who reaches announcements from the console', async () => {
      expect(await menuFor(aUser({ isAdmin: true, permissions: ['communication'] }))).toEqual(['Your account', 'Support — my tickets', 'Administration', 'Sign out']);
    });

    it('comes after "My guests" for someone who may do both, in French too', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      expect(await menuFor(aUser({ permissions: ['sponsor', 'communication'] }))).toEqual(['Votre compte', 'Support — mes demandes', 'Mes invités', 'Annonces', 'Se déconnecter']);
    });
  });

  describe('"Support queue"', () => {
    async function menuFor(user: CurrentUser): Promise<string[]> {
      await load(user);
      button().click();
      await fixture.whenStable();
      return items().map(textOf);
    }

    it('is offered to a support agent, linking to /support/queue', async () => {
      expect(await menuFor(aUser({ permissions: ['support'] }))).toContain('Support queue');
      expect(query(header, '[data-testid="user-menu-support-queue"]').getAttribute('href')).toBe('/support/queue');
    });

    it('is not offered to people without the permission', async () => {
      expect(await menuFor(aUser({ permissions: ['communication'] }))).not.toContain('Support queue');
    });

    it('is not offered to a guest, even one whose permissions say support', async () => {
      expect(await menuFor(aUser({ kind: 'guest', permissions: ['support'] }))).not.toContain('Support queue');
    });

    it('is not offered to an administrator, who opens the queue from the console', async () => {
      expect(await menuFor(aUser({ isAdmin: true, permissions: ['support'] }))).not.toContain('Support queue');
    });

    it('reads "File du support" in French', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      expect(await menuFor(aUser({ permissions: ['support'] }))).toContain('File du support');
    });
  });

  it('signs out with a POST, then reloads the app at /', async () => {
    await load(aUser());
    button().click();
    await fixture.whenStable();
    query<HTMLButtonElement>(header, '[data-testid="user-menu-sign-out"]').click();
    fixture.detectChanges();
    expect(textOf(query(header, '[data-testid="user-menu-sign-out"]'))).toBe('Signing out…');
    http.expectOne({ method: 'POST', url: AuthRoutes.signOut }).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(assign).toHaveBeenCalledOnceWith('/');
  });

  it('says so when signing out fails', async () => {
    await load(aUser());
    button().click();
    await fixture.whenStable();
    query<HTMLButtonElement>(header, '[data-testid="user-menu-sign-out"]').click();
    http.expectOne(AuthRoutes.signOut).error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(query(header, '[data-testid="sign-out-failed"]').getAttribute('role')).toBe('alert');
    expect(assign).not.toHaveBeenCalled();
  });

  it('offers "Sign in" when nobody is signed in and the portal is set up', async () => {
    await load(null);
    const link = query<HTMLAnchorElement>(header, '[data-testid="header-sign-in"]');
    expect(textOf(link)).toBe('Sign in');
    expect(link.getAttribute('href')).toBe('/sign-in?returnTo=%2F');
    expect(header.querySelector('[data-testid="user-menu-button"]')).toBeNull();
  });

  it('offers nothing while the portal still needs setup', async () => {
    await load(null, true);
    expect(header.querySelector('[data-testid="header-sign-in"]')).toBeNull();
  });

  it('speaks French', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await load(aUser({ isAdmin: true }));
    button().click();
    await fixture.whenStable();
    expect(items().map(textOf)).toEqual(['Votre compte', 'Support — mes demandes', 'Administration', 'Se déconnecter']);
  });
});

describe('initialsOf', () => {
  it('takes given and family names, else the words of the name, else the email', () => {
    expect(initialsOf(aUser())).toBe('AM');
    expect(initialsOf(aUser({ givenName: '', familyName: '', name: 'élodie de la Tour' }))).toBe('ÉD');
    expect(initialsOf(aUser({ givenName: '', familyName: '', name: '', email: 'x@y.test' }))).toBe('X');
  });
});
