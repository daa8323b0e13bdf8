import type http from 'node:http';
import { DEMO_APPS } from '../apps';
import { cookie, escapeHtml } from './http';
import { languageOf, problemPage, signedInPage, signedOutPage } from './pages';
import type { DemoSession } from './sessions';

const hostile = '<script>alert("x")</script>&\'`';

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

describe('demo app pages', () => {
  it('escape every value they show', () => {
    for (const app of Object.values(DEMO_APPS)) {
      const html = signedInPage(app, 'en', sessionOf());
      expect(html).withContext(app.key).not.toContain('<script');
      expect(html).withContext(app.key).not.toContain('<img');
      expect(html).withContext(app.key).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;&#96;');
      expect(html).withContext(app.key).toContain('<li>Finance</li>');
    }
    expect(problemPage(DEMO_APPS.wiki, 'en', hostile, hostile)).not.toContain('<script');
  });

  it('carry no inline script or style (the CSP allows neither)', () => {
    const plain = { ...sessionOf({ name: 'Ana', email: 'ana@acme.test', groups: ['IT'] }), sid: 'abc' };
    for (const html of [signedInPage(DEMO_APPS.crm, 'fr', plain), signedOutPage(DEMO_APPS.crm, 'fr')]) {
      expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i);
    }
  });

  it('speak the person’s language, else the browser’s', () => {
    const req = (acceptLanguage?: string) => ({ headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} }) as http.IncomingMessage;
    expect(languageOf(req('fr-CH,fr;q=0.9'))).toBe('fr');
    expect(languageOf(req('de-CH'))).toBe('en');
    expect(languageOf(req())).toBe('en');
    expect(languageOf(req('en-GB'), sessionOf({ locale: 'fr' }))).toBe('fr');
    expect(signedOutPage(DEMO_APPS.files, 'fr')).toContain('Se connecter avec Passerelle');
  });

  it('escapeHtml and cookie', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml('a"b')).toBe('a&#34;b');
    expect(cookie('demo_wiki', 'v', { secure: false })).toBe('demo_wiki=v; Path=/; HttpOnly; SameSite=Lax');
    expect(cookie('x', '', { path: '/callback', maxAge: 0, secure: true })).toBe('x=; Path=/callback; HttpOnly; SameSite=Lax; Max-Age=0; Secure');
  });
});
