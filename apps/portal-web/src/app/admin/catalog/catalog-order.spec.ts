import { smallCatalog } from '../testing/catalog-fixtures';
import { moveApp, moveSection, orderFrom, stepApp, stepSection, toCatalogOrder } from './catalog-order';

function defined<T>(value: T | null): T {
  if (value === null) {
    throw new Error('Expected a move');
  }
  return value;
}

describe('catalog order', () => {
  const model = () => orderFrom(smallCatalog());

  it('reads sections and apps by position, apps in no section last', () => {
    expect(toCatalogOrder(model())).toEqual({
      sections: [
        { id: 's-daily', appIds: ['wiki', 'chat'] },
        { id: 's-fin', appIds: ['payroll'] },
      ],
      unsectioned: ['files'],
    });
  });

  it('counts an app of an unknown section as in no section', () => {
    const overview = smallCatalog();
    overview.apps[3] = { ...overview.apps[3], sectionId: 's-gone' };
    expect(orderFrom(overview).unsectioned).toEqual(['files']);
  });

  it('moves an app inside its section and into another one (a drop)', () => {
    expect(toCatalogOrder(moveApp(model(), 'chat', 's-daily', 0)).sections[0].appIds).toEqual(['chat', 'wiki']);
    const moved = toCatalogOrder(moveApp(model(), 'files', 's-fin', 0));
    expect(moved.sections[1].appIds).toEqual(['files', 'payroll']);
    expect(moved.unsectioned).toEqual([]);
    // Out-of-range indexes are clamped; an unknown section changes nothing.
    expect(toCatalogOrder(moveApp(model(), 'wiki', null, 99)).unsectioned).toEqual(['files', 'wiki']);
    expect(moveApp(model(), 'wiki', 's-nope', 0)).toEqual(model());
  });

  it('steps an app up and down, across section boundaries, and not past the ends', () => {
    const down = defined(stepApp(model(), 'chat', 1));
    expect(down.place).toEqual({ container: 's-fin', index: 0 });
    expect(toCatalogOrder(down.model).sections).toEqual([
      { id: 's-daily', appIds: ['wiki'] },
      { id: 's-fin', appIds: ['chat', 'payroll'] },
    ]);
    const up = defined(stepApp(model(), 'files', -1));
    expect(up.place).toEqual({ container: 's-fin', index: 1 });
    expect(toCatalogOrder(up.model).sections[1].appIds).toEqual(['payroll', 'files']);
    expect(stepApp(model(), 'wiki', -1)).toBeNull();
    expect(stepApp(model(), 'files', 1)).toBeNull();
  });

  it('moves sections, keeping their apps', () => {
    expect(toCatalogOrder(moveSection(model(), 's-fin', 0)).sections.map((s) => s.id)).toEqual(['s-fin', 's-daily']);
    const step = defined(stepSection(model(), 's-daily', 1));
    expect(step.index).toBe(1);
    expect(toCatalogOrder(step.model).sections).toEqual([
      { id: 's-fin', appIds: ['payroll'] },
      { id: 's-daily', appIds: ['wiki', 'chat'] },
    ]);
    expect(stepSection(model(), 's-daily', -1)).toBeNull();
  });
});
