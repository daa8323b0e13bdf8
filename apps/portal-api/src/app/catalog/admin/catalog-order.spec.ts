import { orderProblems } from './catalog-order';

describe('Catalog order checks (orderProblems)', () => {
  const sections = ['s1', 's2'];
  const apps = ['a', 'b', 'c'];

  it('accepts every section once with each app at most once (apps may be left out)', () => {
    expect(orderProblems({ sections: [{ id: 's2', appIds: ['b'] }, { id: 's1', appIds: [] }], unsectioned: ['a'] }, sections, apps)).toEqual({});
    expect(orderProblems({ sections: [], unsectioned: [] }, [], [])).toEqual({});
  });

  it('names missing, repeated and unknown sections', () => {
    expect(orderProblems({ sections: [{ id: 's1', appIds: [] }] }, sections, apps)).toEqual({ sections: ['List every section: "s2" is missing.'] });
    expect(orderProblems({ sections: [{ id: 's1', appIds: [] }, { id: 's2', appIds: [] }, { id: 's1', appIds: [] }] }, sections, apps)).toEqual({
      sections: ['List each section once: "s1" appears more than once.'],
    });
    expect(orderProblems({ sections: [{ id: 'x', appIds: [] }, { id: 's1', appIds: [] }, { id: 's2', appIds: [] }] }, sections, apps)).toEqual({ sections: ['Unknown section ids: "x".'] });
  });

  it('names repeated and unknown apps, wherever they are listed', () => {
    expect(orderProblems({ sections: [{ id: 's1', appIds: ['a'] }, { id: 's2', appIds: ['zz'] }], unsectioned: ['a'] }, sections, apps)).toEqual({
      appIds: ['Unknown app ids: "zz".', 'List each app once: "a" appears more than once.'],
    });
  });
});
