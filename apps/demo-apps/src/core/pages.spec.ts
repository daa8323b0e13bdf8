import type http from 'node:http';
import { DEMO_APPS } from '../apps';
import { cookie, escapeHtml } from './http';
import { languageOf, problemPage, signedInPage, signedOutPage, signInFirstPage, testAlert } from './pages';
import type { DemoSession } from './sessions';

const hostile = '<script>alert("x")</script>&\'`';
const portal = { portalUrl: 'http://localhost:3000' };

function sessionOf(overrides: Partial<DemoSession['person']> = {}): DemoSession {
  return {
    id: 'id',
    sid: '"><img src=x onerror=alert(1)>',
    idToken: 'token',
    signedInAt: new Date(Date.UTC(2026, 0, 2, 9, 30)),
    authTime: null,
    expiresAt: 0,
    person: { sub: 'u1', name: hostile, email: `${hostile}@acme.test`, groups: ['Finance', hostile], locale: 'en', ...overrides },
  };
}

/** The one script a page may have: the portal's support widget, external. */
const WIDGET_SCRIPT = /<script type="module" src="http:\/\/[^"<>]+\/widget\/support\.js"><\/script>/;
const withoutWidget = (html: string) => html.replace(WIDGET_SCRIPT, '');

describe('demo app pages', () => {
  it('escape every value they show', () => {
    for (const app of Object.values(DEMO_APPS)) {
      const html = withoutWidget(signedInPage(app, 'en', sessionOf(), { ...portal, alertNotice: { sent: false, problem: hostile } }));
      expect(html).withContext(app.key).not.toContain('<script');
      expect(html).withContext(app.key).not.toContain('<img');
      expect(html).withContext(app.key).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;&#96;');
      expect(html).withContext(app.key).toContain('<li>Finance</li>');
    }
    expect(problemPage(DEMO_APPS.wiki, 'en', hostile, hostile)).not.toContain('<script');
    expect(withoutWidget(signedInPage(DEMO_APPS.wiki, 'en', sessionOf(), { portalUrl: `http://x/${hostile}`, alertNotice: { sent: true } }))).not.toContain('<script');
  });

  it('carry no inline script or style (the CSP allows neither)', () => {
    const plain = { ...sessionOf({ name: 'Ana', email: 'ana@acme.test', groups: ['IT'] }), sid: 'abc' };
    const pages = [
      signedInPage(DEMO_APPS.crm, 'fr', plain, portal),
      signedInPage(DEMO_APPS.crm, 'fr', plain, { ...portal, alertNotice: { sent: true } }),
      signedOutPage(DEMO_APPS.crm, 'fr'),
      signInFirstPage(DEMO_APPS.crm, 'fr'),
    ];
    for (const html of pages) {
      expect(withoutWidget(html)).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i);
    }
  });

  it('carry Passerelle’s support widget on signed-in pages only, loaded from the portal', () => {
    const plain = { ...sessionOf({ name: 'Ana', email: 'ana@acme.test', groups: ['IT'] }), sid: 'abc' };
    const page = signedInPage(DEMO_APPS.crm, 'fr', plain, portal);
    expect(page).toContain('<passerelle-support lang="fr" data-testid="demo-support-widget"></passerelle-support>');
    expect(page.match(/<script/g)?.length).toBe(1);
    expect(page).toMatch(/<script type="module" src="http:\/\/localhost:3000\/widget\/support\.js"><\/script>/);
    expect(signedOutPage(DEMO_APPS.crm, 'fr')).not.toContain('passerelle-support');
  });

  it('speak the person’s language, else the browser’s', () => {
    const req = (acceptLanguage?: string) => ({ headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} }) as http.IncomingMessage;
    expect(languageOf(req('fr-CH,fr;q=0.9'))).toBe('fr');
    expect(languageOf(req('de-CH'))).toBe('en');
    expect(languageOf(req())).toBe('en');
    expect(languageOf(req('en-GB'), sessionOf({ locale: 'fr' }))).toBe('fr');
    expect(signedOutPage(DEMO_APPS.files, 'fr')).toContain('Se connecter avec Passerelle');
  });

  it('offer a signed-in person a test alert, and say what became of it', () => {
    const plain = { ...sessionOf({ name: 'Ana', email: 'ana@acme.test', groups: ['IT'] }), sid: 'abc' };
    const page = signedInPage(DEMO_APPS.wiki, 'en', plain, portal);
    expect(page).toMatch(/<form method="post" action="\/alerts\/test"><button type="submit" data-testid="demo-send-alert">Send me a test alert<\/button><\/form>/);
    expect(page).not.toContain('demo-alert-sent');
    const sent = signedInPage(DEMO_APPS.wiki, 'fr', plain, { ...portal, alertNotice: { sent: true } });
    expect(sent).toContain('M’envoyer une alerte de test');
    expect(sent).toMatch(/data-testid="demo-alert-sent">Alerte envoyée — regardez votre <a href="http:\/\/localhost:3000\/">tableau de bord Passerelle<\/a>/);
    const failed = signedInPage(DEMO_APPS.wiki, 'en', plain, { ...portal, alertNotice: { sent: false, problem: 'Passerelle answered 403' } });
    expect(failed).toMatch(/role="alert" data-testid="demo-alert-failed">The alert could not be sent: Passerelle answered 403</);
  });

  it('write the test alert to the person, in their language, with a link back to the app', () => {
    const person = sessionOf({ name: 'Ana', locale: 'fr' }).person;
    expect(testAlert(DEMO_APPS.crm, 'fr', person, 'http://localhost:3102', 'test-1')).toEqual({
      recipients: { users: ['u1'] },
      title: 'Alerte de test de CRM',
      body: 'Vous avez demandé une alerte de test à CRM. Ouvrez-la pour revenir dans l’application.',
      severity: 'info',
      link: 'http://localhost:3102/',
      dedupeKey: 'test-1',
    });
    expect(testAlert(DEMO_APPS.wiki, 'en', person, 'http://localhost:3101', 'test-2').title).toBe('Test alert from Wiki');
  });

  it('escapeHtml and cookie', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml('a"b')).toBe('a&#34;b');
    expect(cookie('demo_wiki', 'v', { secure: false })).toBe('demo_wiki=v; Path=/; HttpOnly; SameSite=Lax');
    expect(cookie('x', '', { path: '/callback', maxAge: 0, secure: true })).toBe('x=; Path=/callback; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
  });
});
