import { clientIdSlug, newClientId, randomSuffix } from './client-id';

describe('Client ids', () => {
  it('slugs a name into lower-case ASCII words joined by single dashes', () => {
    expect(clientIdSlug('Wiki')).toBe('wiki');
    expect(clientIdSlug('  Équipe IT — Wiki (interne)  ')).toBe('equipe-it-wiki-interne');
    expect(clientIdSlug('Ça coûte 100 €!')).toBe('ca-coute-100');
    expect(clientIdSlug('GitLab__CE')).toBe('gitlab-ce');
  });

  it('falls back to "app" when nothing readable remains, and keeps slugs to 40 characters without a trailing dash', () => {
    expect(clientIdSlug('日本語')).toBe('app');
    expect(clientIdSlug('---')).toBe('app');
    const slug = clientIdSlug('a'.repeat(39) + ' b');
    expect(slug).toBe('a'.repeat(39));
    expect(clientIdSlug('x'.repeat(100)).length).toBe(40);
  });

  it('adds 6 random lower-case letters or digits', () => {
    expect(newClientId('Wiki', 'k3f9qa')).toBe('wiki-k3f9qa');
    const ids = new Set(Array.from({ length: 50 }, () => newClientId('Wiki')));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^wiki-[a-z0-9]{6}$/);
    expect(randomSuffix()).toMatch(/^[a-z0-9]{6}$/);
  });

  it('always fits the 64-character column and stays safe in a URL path', () => {
    const id = newClientId('Ein sehr langer Name für eine Anwendung mit vielen Wörtern darin');
    expect(id.length).toBeLessThanOrEqual(47);
    expect(encodeURIComponent(id)).toBe(id);
  });
});
