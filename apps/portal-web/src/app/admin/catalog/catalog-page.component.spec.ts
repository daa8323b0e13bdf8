import { CdkDropList } from '@angular/cdk/drag-drop';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { By } from '@angular/platform-browser';
import type { RouterTestingHarness } from '@angular/router/testing';
import { CatalogAdminRoutes, type CatalogOrder, type CatalogOverview } from '@passerelle/contracts';
import { expectCall, flushError, tick } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { ICON_DATA_URL, group, section, smallCatalog } from '../testing/catalog-fixtures';
import { CatalogPageComponent } from './catalog-page.component';

describe('CatalogPageComponent (/admin/apps)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([{ path: 'admin/apps', component: CatalogPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const names = () => Array.from(page().querySelectorAll('[data-testid="catalog-app-link"]')).map(textOf);
  const sectionTitles = () => Array.from(page().querySelectorAll('[data-testid="catalog-section"] h2')).map(textOf);

  async function open(overview: CatalogOverview = smallCatalog()): Promise<void> {
    await harness.navigateByUrl('/admin/apps');
    expectCall(http, 'GET', CatalogAdminRoutes.catalog).flush(overview);
    expectCall(http, 'GET', CatalogAdminRoutes.groups).flush([group(), group({ id: 'g-direction', name: 'Direction', memberCount: 1 })]);
    await stable();
  }

  function expectOrder(): TestRequest {
    return expectCall(http, 'PUT', CatalogAdminRoutes.order);
  }

  function row(name: string): HTMLElement {
    const rows = Array.from(page().querySelectorAll<HTMLElement>('[data-testid="catalog-app"]'));
    const found = rows.find((item) => textOf(item.querySelector('[data-testid="catalog-app-link"]')) === name);
    if (!found) {
      throw new Error(`No row for ${name}`);
    }
    return found;
  }

  /** What CDK reports when an app is dropped: the lists are found by their ids. */
  function drop(appId: string, from: string, to: string, previousIndex: number, currentIndex: number): void {
    const lists = harness.fixture.debugElement.queryAll(By.directive(CdkDropList)).map((debug) => debug.injector.get(CdkDropList));
    const listById = (id: string) => {
      const list = lists.find((item) => item.id === id);
      if (!list) {
        throw new Error(`No drop list ${id}`);
      }
      return list;
    };
    const source = listById(from);
    const target = listById(to);
    target.dropped.emit({
      previousContainer: source,
      container: target,
      previousIndex,
      currentIndex,
      item: { data: appId },
      isPointerOverContainer: true,
      distance: { x: 0, y: 0 },
      dropPoint: { x: 0, y: 0 },
      event: new MouseEvent('mouseup'),
    } as never);
    harness.fixture.detectChanges();
  }

  it('shows sections in order with their apps: who sees them, sign-in, health, requestable', async () => {
    await open();
    expect(sectionTitles()).toEqual(['Daily work', 'Finance']);
    expect(names()).toEqual(['Wiki', 'Chat', 'Payroll', 'Files']);
    expect(textOf(row('Wiki').querySelector('[data-testid="catalog-app-visibility"]'))).toBe('Finance, Direction');
    expect(textOf(row('Wiki').querySelector('[data-testid="catalog-app-sso"]'))).toBe('Plain link');
    expect(textOf(row('Chat').querySelector('[data-testid="catalog-app-visibility"]'))).toBe('Everyone');
    expect(textOf(row('Chat').querySelector('[data-testid="catalog-app-sso"]'))).toBe('Sign-in: Chat');
    expect(textOf(row('Chat').querySelector('[data-testid="health"]'))).toBe('Up');
    expect(textOf(row('Payroll').querySelector('[data-testid="catalog-app-visibility"]'))).toBe('Only people given access (3)');
    expect(textOf(row('Payroll').querySelector('[data-testid="health"]'))).toBe('Not answering');
    expect(row('Payroll').querySelector('[data-testid="catalog-app-requestable"]')).not.toBeNull();
    expect(row('Files').querySelector('img')?.getAttribute('src')).toBe(ICON_DATA_URL);
    expect(textOf(row('Wiki').querySelector('psl-app-icon'))).toBe('WI');
    expect(textOf(query(page(), '[data-testid="catalog-unsectioned"] h2'))).toBe('No section');
    // The very first app can't go up, the very last can't go down.
    expect(query<HTMLButtonElement>(row('Wiki'), '[data-testid="catalog-app-up"]').disabled).toBeTrue();
    expect(query<HTMLButtonElement>(row('Files'), '[data-testid="catalog-app-down"]').disabled).toBeTrue();
    expect(row('Wiki').querySelector('a')?.getAttribute('href')).toBe('/admin/apps/wiki');
  });

  it('saves the order a drop into another section produces, and announces it', async () => {
    await open();
    drop('files', 'apps-none', 'apps-s-daily', 0, 1);
    const save = expectOrder();
    expect(save.request.body as CatalogOrder).toEqual({
      sections: [
        { id: 's-daily', appIds: ['wiki', 'files', 'chat'] },
        { id: 's-fin', appIds: ['payroll'] },
      ],
      unsectioned: [],
    });
    expect(names()).toEqual(['Wiki', 'Files', 'Chat', 'Payroll']);
    expect(textOf(query(page(), '[data-testid="catalog-announcement"]'))).toBe('Files moved to Daily work, position 2 of 3.');
    expect(textOf(query(page(), '[data-testid="catalog-save-state"]'))).toBe('Saving the order…');
    save.flush(smallCatalog());
    await stable();
    expect(textOf(query(page(), '[data-testid="catalog-save-state"]'))).toBe('Order saved.');
  });

  it('moves an app with its ↓ button and with Alt+↑, keeping focus on the control used', async () => {
    await open();
    const down = query<HTMLButtonElement>(row('Chat'), '[data-testid="catalog-app-down"]');
    down.focus();
    down.click();
    harness.fixture.detectChanges();
    const first = expectOrder();
    expect((first.request.body as CatalogOrder).sections).toEqual([
      { id: 's-daily', appIds: ['wiki'] },
      { id: 's-fin', appIds: ['chat', 'payroll'] },
    ]);
    first.flush({});
    await stable();
    expect(textOf(query(page(), '[data-testid="catalog-announcement"]'))).toBe('Chat moved to Finance, position 1 of 2.');
    expect(document.activeElement?.getAttribute('data-focus')).toBe('chat:down');

    const link = query<HTMLAnchorElement>(row('Payroll'), 'a');
    link.focus();
    link.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', altKey: true, bubbles: true }));
    harness.fixture.detectChanges();
    const second = expectOrder();
    expect((second.request.body as CatalogOrder).sections[1].appIds).toEqual(['payroll', 'chat']);
    second.flush({});
    await stable();
    expect(document.activeElement?.getAttribute('data-focus')).toBe('payroll:edit');
  });

  it('moves a section with its buttons (and by a drop) and saves the sections in order', async () => {
    await open();
    page().querySelectorAll<HTMLButtonElement>('[data-testid="catalog-section-down"]')[0].click();
    harness.fixture.detectChanges();
    const save = expectOrder();
    expect((save.request.body as CatalogOrder).sections.map((s) => s.id)).toEqual(['s-fin', 's-daily']);
    expect(sectionTitles()).toEqual(['Finance', 'Daily work']);
    expect(textOf(query(page(), '[data-testid="catalog-announcement"]'))).toBe('Section Daily work moved to position 2 of 2.');
    save.flush({});
    await stable();
  });

  it('sends one order at a time, then the latest one', async () => {
    await open();
    query<HTMLButtonElement>(row('Wiki'), '[data-testid="catalog-app-down"]').click();
    query<HTMLButtonElement>(row('Wiki'), '[data-testid="catalog-app-down"]').click();
    harness.fixture.detectChanges();
    const first = expectOrder();
    expect((first.request.body as CatalogOrder).sections[0].appIds).toEqual(['chat', 'wiki']);
    first.flush({});
    await tick();
    const second = expectOrder();
    expect((second.request.body as CatalogOrder).sections[1].appIds).toEqual(['wiki', 'payroll']);
    second.flush({});
    await stable();
  });

  it('says when the order could not be saved and shows the order the server has', async () => {
    await open();
    query<HTMLButtonElement>(row('Wiki'), '[data-testid="catalog-app-down"]').click();
    harness.fixture.detectChanges();
    flushError(expectOrder(), 400, 'validation_failed');
    await tick();
    expectCall(http, 'GET', CatalogAdminRoutes.catalog).flush(smallCatalog());
    await stable();
    expect(textOf(query(page(), '[data-testid="catalog-save-state"]'))).toContain('The order could not be saved.');
    expect(names()).toEqual(['Wiki', 'Chat', 'Payroll', 'Files']);
  });

  it('adds, renames and deletes a section', async () => {
    await open();
    const input = query<HTMLInputElement>(page(), '#catalog-new-section-name');
    query<HTMLButtonElement>(page(), '[data-testid="catalog-new-section-submit"]').click();
    harness.fixture.detectChanges();
    expect(textOf(page().querySelector('#catalog-new-section-error'))).toBe('This field is required.');

    typeInto(input, ' Tools ');
    query<HTMLButtonElement>(page(), '[data-testid="catalog-new-section-submit"]').click();
    const create = expectCall(http, 'POST', CatalogAdminRoutes.sections);
    expect(create.request.body).toEqual({ name: 'Tools' });
    create.flush(section('s-tools', 'Tools', 2));
    await tick();
    const withTools = smallCatalog();
    withTools.sections.push(section('s-tools', 'Tools', 2));
    expectCall(http, 'GET', CatalogAdminRoutes.catalog).flush(withTools);
    await stable();
    expect(sectionTitles()).toEqual(['Daily work', 'Finance', 'Tools']);
    expect(textOf(query(page(), '[data-testid="catalog-notice"]'))).toBe('The section Tools is added.');

    page().querySelectorAll<HTMLButtonElement>('[data-testid="catalog-section-rename"]')[2].click();
    harness.fixture.detectChanges();
    typeInto(query<HTMLInputElement>(page(), '#catalog-rename-input'), 'Utilities');
    query<HTMLButtonElement>(page(), '[data-testid="catalog-rename-submit"]').click();
    const rename = expectCall(http, 'PATCH', CatalogAdminRoutes.section('s-tools'));
    expect(rename.request.body).toEqual({ name: 'Utilities' });
    rename.flush(section('s-tools', 'Utilities', 2));
    await stable();
    expect(sectionTitles()).toEqual(['Daily work', 'Finance', 'Utilities']);

    page().querySelectorAll<HTMLButtonElement>('[data-testid="catalog-section-delete"]')[0].click();
    harness.fixture.detectChanges();
    await tick();
    const confirm = query(page(), '[data-testid="catalog-delete-section"]');
    expect(textOf(confirm)).toContain('Its apps (2) are not deleted: they move to “No section”');
    query<HTMLButtonElement>(confirm, '[data-testid="confirm-dialog-confirm"]').click();
    expectCall(http, 'DELETE', CatalogAdminRoutes.section('s-daily')).flush(null);
    await tick();
    expectCall(http, 'GET', CatalogAdminRoutes.catalog).flush(smallCatalog());
    await stable();
    expect(textOf(query(page(), '[data-testid="catalog-notice"]'))).toBe('The section Daily work is deleted.');
  });

  it('shows an empty state, and a load error with retry', async () => {
    await harness.navigateByUrl('/admin/apps');
    flushError(expectCall(http, 'GET', CatalogAdminRoutes.catalog), 500, 'internal_error');
    expectCall(http, 'GET', CatalogAdminRoutes.groups).flush([]);
    await stable();
    expect(textOf(query(page(), '[data-testid="catalog-load-error"]'))).toContain('Something went wrong on the server');
    query<HTMLButtonElement>(page(), '[data-testid="catalog-load-error"] button').click();
    expectCall(http, 'GET', CatalogAdminRoutes.catalog).flush({ sections: [], apps: [] });
    await stable();
    expect(textOf(query(page(), '[data-testid="catalog-empty"]'))).toContain('No app yet.');
  });
});
