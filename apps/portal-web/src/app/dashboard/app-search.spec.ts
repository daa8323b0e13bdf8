import { editDistance, searchApps, typoBudget } from './app-search';

const app = (name: string, description = '') => ({ name, description });
const names = (apps: { name: string }[]) => apps.map((a) => a.name);

const CATALOG = [
  app('Wiki', 'Team knowledge and how-tos'),
  app('Comptabilité', 'Factures, notes de frais et paie'),
  app('CRM', 'Customers and deals'),
  app('Files', 'Shared documents'),
  app('Planning', 'Who works when'),
  app('Messagerie', 'Courriel de l’entreprise'),
  app('Daily planner', 'Your day at a glance'),
];

describe('searchApps', () => {
  it('finds nothing for an empty or blank query', () => {
    expect(searchApps(CATALOG, '')).toEqual([]);
    expect(searchApps(CATALOG, '   ')).toEqual([]);
  });

  it('ignores accents and case: "compta" finds "Comptabilité", "COMPTABILITE" too', () => {
    expect(names(searchApps(CATALOG, 'compta'))).toEqual(['Comptabilité']);
    expect(names(searchApps(CATALOG, 'COMPTABILITE'))).toEqual(['Comptabilité']);
    expect(names(searchApps(CATALOG, 'comptabilité'))).toEqual(['Comptabilité']);
  });

  it('tolerates a swapped pair of letters: "wkii" finds "Wiki"', () => {
    expect(names(searchApps(CATALOG, 'wkii'))).toEqual(['Wiki']);
  });

  it('tolerates one typo in a word of 4–7 letters, at the start of a longer name too', () => {
    expect(names(searchApps(CATALOG, 'fales'))).toContain('Files');
    expect(names(searchApps(CATALOG, 'comtpa'))).toEqual(['Comptabilité']);
    expect(names(searchApps(CATALOG, 'plnning'))).toContain('Planning');
  });

  it('tolerates two typos only in words of 8 letters or more', () => {
    expect(names(searchApps(CATALOG, 'mesagreie'))).toEqual(['Messagerie']); // deletion + swap
    expect(names(searchApps(CATALOG, 'fxlxs'))).toEqual([]); // two typos in 5 letters: too far
  });

  it('allows no typo in words shorter than 4 letters', () => {
    expect(names(searchApps(CATALOG, 'crn'))).toEqual([]);
    expect(names(searchApps(CATALOG, 'crm'))).toEqual(['CRM']);
  });

  it('matches inside words and in the description', () => {
    expect(names(searchApps(CATALOG, 'agerie'))).toEqual(['Messagerie']);
    expect(names(searchApps(CATALOG, 'factures'))).toEqual(['Comptabilité']);
    expect(names(searchApps(CATALOG, 'deals'))).toEqual(['CRM']);
  });

  it('needs every word to match somewhere', () => {
    expect(names(searchApps(CATALOG, 'daily glance'))).toEqual(['Daily planner']);
    expect(names(searchApps(CATALOG, 'daily wiki'))).toEqual([]);
  });

  it('ranks the exact name first, then the start of the name, then the start of a word, then the rest', () => {
    const apps = [
      app('Notes de frais', 'plan de dépenses'), // description word prefix
      app('Replanning'), // substring
      app('Daily plan'), // word prefix
      app('Planning'), // name prefix
      app('Plan'), // exact
    ];
    expect(names(searchApps(apps, 'plan'))).toEqual(['Plan', 'Planning', 'Daily plan', 'Replanning', 'Notes de frais']);
  });

  it('puts exact and prefix matches before typo matches', () => {
    const apps = [app('Wika'), app('Wiki')];
    expect(names(searchApps(apps, 'wiki'))).toEqual(['Wiki', 'Wika']);
  });

  it('keeps the given (administrator) order between equally good matches', () => {
    const apps = [app('Paie B'), app('Paie A'), app('Paie C')];
    expect(names(searchApps(apps, 'paie'))).toEqual(['Paie B', 'Paie A', 'Paie C']);
  });

  it('copes with punctuation and extra spaces', () => {
    expect(names(searchApps([app('Notes-de-frais'), app('Wiki')], '  notes  frais '))).toEqual(['Notes-de-frais']);
  });
});

describe('editDistance (Damerau–Levenshtein)', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one', () => {
    expect(editDistance('wiki', 'wiki')).toBe(0);
    expect(editDistance('wkii', 'wiki')).toBe(1);
    expect(editDistance('wik', 'wiki')).toBe(1);
    expect(editDistance('wikis', 'wiki')).toBe(1);
    expect(editDistance('wiko', 'wiki')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops early past the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it('allows no typo under 4 letters, one up to 7, two from 8', () => {
    expect([3, 4, 7, 8, 12].map(typoBudget)).toEqual([0, 1, 1, 2, 2]);
  });
});
