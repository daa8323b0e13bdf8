import type { HttpTestingController } from '@angular/common/http/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { SupportRoutes } from '@passerelle/contracts';
import { flushError } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { nextCall } from '../../admin/testing/next-call';
import { category } from '../testing/support-fixtures';
import { CategoriesSectionComponent } from './categories-section.component';
import { categoryProblems, categoryDraft, fieldDraft, keyFromLabel } from './category-form';

describe('CategoriesSectionComponent (/admin/support)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([{ path: 'admin/support', component: CategoriesSectionComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const rows = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="category-row"]'));

  async function open(items = [category({ id: 'c2', name: 'Hardware', position: 1 }), category({ fields: [{ key: 'which_app', label: 'Which app?', type: 'text', required: false }] })]) {
    await harness.navigateByUrl('/admin/support');
    (await nextCall(http, 'GET', SupportRoutes.categories)).flush(items);
    await stable();
  }

  it('lists the categories in their order, with their fields', async () => {
    await open();
    expect(rows().map((row) => textOf(query(row, 'td:nth-child(2)')))).toEqual(['Access and sign-in', 'Hardware']);
    expect(textOf(rows()[0])).toContain('Which app?');
  });

  it('adds a category with a list field, the key following the label', async () => {
    await open([]);
    expect(textOf(query(page(), '[data-testid="categories-empty"]'))).toContain('No categories yet');
    query<HTMLButtonElement>(page(), '[data-testid="category-new"]').click();
    await stable();
    query<HTMLButtonElement>(page(), '[data-testid="category-save"]').click();
    await stable();
    expect(textOf(query(page(), '[data-testid="category-name-error"]'))).toBe('This field is required.');

    typeInto(query<HTMLInputElement>(page(), '[data-testid="category-name"]'), 'Software');
    typeInto(query<HTMLSelectElement>(page(), '[data-testid="category-urgency"]'), 'high');
    query<HTMLButtonElement>(page(), '[data-testid="category-field-add"]').click();
    await stable();
    typeInto(query<HTMLInputElement>(page(), '[data-testid="category-field-label"]'), 'Which app?');
    await stable();
    expect(query<HTMLInputElement>(page(), '[data-testid="category-field-key"]').value).toBe('which_app');
    typeInto(query<HTMLSelectElement>(page(), '[data-testid="category-field-type"]'), 'select');
    await stable();
    query<HTMLInputElement>(page(), '[data-testid="category-field-required"]').click();
    query<HTMLButtonElement>(page(), '[data-testid="category-save"]').click();
    await stable();
    expect(textOf(page())).toContain('Give at least one choice.');
    typeInto(query<HTMLInputElement>(page(), '[data-testid="category-field-options"]'), 'Mail\nTimesheets\n\nMail');
    query<HTMLButtonElement>(page(), '[data-testid="category-save"]').click();

    const create = await nextCall(http, 'POST', SupportRoutes.categories);
    expect(create.request.body).toEqual({
      name: 'Software',
      description: '',
      defaultUrgency: 'high',
      archived: false,
      position: 0,
      fields: [{ key: 'which_app', label: 'Which app?', type: 'select', required: true, options: ['Mail', 'Timesheets'] }],
    });
    create.flush(category({ id: 'c9', name: 'Software', defaultUrgency: 'high' }), { status: 201, statusText: 'Created' });
    await stable();
    expect(textOf(query(page(), '[data-testid="categories-notice"]'))).toBe('“Software” is saved.');
    expect(rows().length).toBe(1);
  });

  it('puts the server’s field problems next to the field they name', async () => {
    await open();
    query<HTMLButtonElement>(rows()[0], '[data-testid="category-edit"]').click();
    await stable();
    query<HTMLButtonElement>(page(), '[data-testid="category-save"]').click();
    const put = await nextCall(http, 'PUT', SupportRoutes.category('c1'));
    expect(put.request.body.fields).toEqual([{ key: 'which_app', label: 'Which app?', type: 'text', required: false }]);
    flushError(put, 400, 'validation_failed', { 'fields[0].key': ['This key is reserved.'], fields: ['At most 10 fields.'] });
    await stable();
    expect(textOf(query(page(), '[data-testid="category-field-key-error"]'))).toBe('This key is reserved.');
    expect(textOf(query(page(), '[data-testid="category-error"]'))).toContain('At most 10 fields.');
  });

  it('explains a 409 on delete and archives instead', async () => {
    await open();
    query<HTMLButtonElement>(rows()[0], '[data-testid="category-delete"]').click();
    await stable();
    const dialog = query(document.body, '[data-testid="category-delete-dialog"]');
    query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
    flushError(await nextCall(http, 'DELETE', SupportRoutes.category('c1')), 409, 'conflict');
    await stable();
    expect(textOf(dialog)).toContain('Tickets use this category, so it can’t be deleted.');
    query<HTMLButtonElement>(dialog, '[data-testid="category-archive-instead"]').click();
    const archive = await nextCall(http, 'PUT', SupportRoutes.category('c1'));
    expect(archive.request.body.archived).toBeTrue();
    expect(archive.request.body.name).toBe('Access and sign-in');
    archive.flush(category({ archived: true }));
    await stable();
    expect(textOf(query(rows()[0], '[data-testid="category-archived-badge"]'))).toBe('Archived');
  });

  it('moves a category down by swapping positions with its neighbour', async () => {
    await open();
    query<HTMLButtonElement>(rows()[0], 'button[aria-label="Move “Access and sign-in” down"]').click();
    const first = await nextCall(http, 'PUT', SupportRoutes.category('c1'));
    expect(first.request.body.position).toBe(1);
    first.flush(category({ position: 1 }));
    const second = await nextCall(http, 'PUT', SupportRoutes.category('c2'));
    expect(second.request.body.position).toBe(0);
    second.flush(category({ id: 'c2', name: 'Hardware', position: 0 }));
    await stable();
    expect(rows().map((row) => textOf(query(row, 'td:nth-child(2)')))).toEqual(['Hardware', 'Access and sign-in']);
  });
});

describe('category form rules', () => {
  it('derives keys from labels and refuses bad or repeated keys', () => {
    expect(keyFromLabel('Numéro de poste ?')).toBe('numero_de_poste');
    const draft = categoryDraft();
    draft.name = 'X';
    draft.fields = [{ ...fieldDraft(), label: 'A', key: 'Bad Key' }, { ...fieldDraft(), label: 'B', key: 'b' }, { ...fieldDraft(), label: 'C', key: 'b' }];
    expect(categoryProblems(draft)).toEqual({ 'fields.0.key': 'key', 'fields.2.key': 'keyTaken' });
  });
});
