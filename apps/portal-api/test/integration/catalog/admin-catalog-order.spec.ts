import { CatalogAdminRoutes, type AuditEventView, type CatalogOverview, type Page } from '@passerelle/contracts';
import { usePortal } from '../../support/test-portal';
import { Browser, type BrowserResponse, createPerson, signInThroughInteraction } from '../../support/oidc-rp';
import { createCatalogApp, createSection } from '../../support/catalog';

/** Ordering sections and apps: a whole new order applies at once, a bad one changes nothing. */
describe('Admin catalog API: order', () => {
  const portal = usePortal({ fresh: 'each' });
  let browser: Browser;

  function expectInvalid(response: BrowserResponse): Record<string, string[]> {
    expect(response.status).withContext(response.text).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    return response.json().fields;
  }

  const overview = async () => (await browser.get(CatalogAdminRoutes.catalog)).json() as CatalogOverview;
  /** Section name → app names, in display order; unsectioned under "-". */
  const layout = (catalog: CatalogOverview) =>
    Object.fromEntries(
      [...catalog.sections.map((s) => [s.name, s.id] as const), ['-', null] as const].map(([name, id]) => [name, catalog.apps.filter((a) => a.sectionId === id).map((a) => a.name)]),
    );

  beforeEach(async () => {
    const admin = await createPerson(portal.app, { isAdmin: true });
    browser = new Browser(portal.url);
    await signInThroughInteraction(browser, '/api/auth/sign-in', admin);
  });

  it('reorders sections and moves apps between them; apps not listed keep their section, after the listed ones', async () => {
    const daily = await createSection(portal.app, 'Daily work');
    const finance = await createSection(portal.app, 'Finance');
    const wiki = await createCatalogApp(portal.app, { name: 'Wiki', sectionId: daily.id });
    const mail = await createCatalogApp(portal.app, { name: 'Mail', sectionId: daily.id });
    const chat = await createCatalogApp(portal.app, { name: 'Chat', sectionId: daily.id });
    const books = await createCatalogApp(portal.app, { name: 'Books', sectionId: finance.id });
    const loose = await createCatalogApp(portal.app, { name: 'Loose' });
    expect(layout(await overview())).toEqual({ 'Daily work': ['Wiki', 'Mail', 'Chat'], Finance: ['Books'], '-': ['Loose'] });

    const response = await browser.request(CatalogAdminRoutes.order, {
      method: 'PUT',
      json: { sections: [{ id: finance.id, appIds: [mail.id, books.id] }, { id: daily.id, appIds: [loose.id] }], unsectioned: [wiki.id] },
    });
    expect(response.status).withContext(response.text).toBe(200);
    const after = response.json() as CatalogOverview;
    expect(after.sections.map((s) => [s.name, s.position])).toEqual([['Finance', 0], ['Daily work', 1]]);
    // Chat was not listed: it stays in "Daily work", after Loose.
    expect(layout(after)).toEqual({ Finance: ['Mail', 'Books'], 'Daily work': ['Loose', 'Chat'], '-': ['Wiki'] });
    expect(after.apps.filter((a) => a.sectionId === daily.id).map((a) => a.position)).toEqual([0, 1]);
    expect(layout(await overview())).toEqual(layout(after));
    expect(chat.sectionId).toBe(daily.id);

    const audit = (await browser.get('/api/admin/audit?event=catalog.order_changed')).json() as Page<AuditEventView>;
    expect(audit.items.length).toBe(1);
  });

  it('refuses an order that misses or repeats a section, repeats an app or names unknown ids — and changes nothing', async () => {
    const a = await createSection(portal.app, 'A');
    const b = await createSection(portal.app, 'B');
    const one = await createCatalogApp(portal.app, { name: 'One', sectionId: a.id });
    const two = await createCatalogApp(portal.app, { name: 'Two', sectionId: b.id });
    const before = await overview();
    const put = (json: unknown) => browser.request(CatalogAdminRoutes.order, { method: 'PUT', json });

    expect(expectInvalid(await put({ sections: [{ id: b.id, appIds: [one.id] }] })).sections).toEqual([`List every section: "${a.id}" is missing.`]);
    expect(expectInvalid(await put({ sections: [{ id: b.id, appIds: [] }, { id: a.id, appIds: [] }, { id: b.id, appIds: [] }] })).sections).toEqual([
      `List each section once: "${b.id}" appears more than once.`,
    ]);
    expect(expectInvalid(await put({ sections: [{ id: 'nope', appIds: [] }, { id: a.id, appIds: [] }, { id: b.id, appIds: [] }] })).sections).toEqual([
      'Unknown section ids: "nope".',
    ]);
    expect(expectInvalid(await put({ sections: [{ id: b.id, appIds: [one.id] }, { id: a.id, appIds: [] }], unsectioned: [one.id] })).appIds).toEqual([
      `List each app once: "${one.id}" appears more than once.`,
    ]);
    expect(expectInvalid(await put({ sections: [{ id: b.id, appIds: ['ghost'] }, { id: a.id, appIds: [two.id] }] })).appIds).toEqual(['Unknown app ids: "ghost".']);
    // Wrong shapes.
    expect(Object.keys(expectInvalid(await put({ sections: 'A,B' })))).toEqual(['sections']);
    expect(Object.keys(expectInvalid(await put({ sections: [{ id: a.id }] })))).toEqual(['sections.0.appIds']);
    expect(Object.keys(expectInvalid(await put({})))).toEqual(['sections']);

    expect(await overview()).toEqual(before);
    const audit = (await browser.get('/api/admin/audit?event=catalog.order_changed')).json() as Page<AuditEventView>;
    expect(audit.total).toBe(0);
  });
});
