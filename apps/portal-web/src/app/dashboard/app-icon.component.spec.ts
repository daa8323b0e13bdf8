import { badgeColourOf, initialsOf } from './app-icon.component';

describe('app initials and badge colour', () => {
  it('takes the first letter of the first two words, upper case, accents kept', () => {
    expect(initialsOf('Wiki')).toBe('W');
    expect(initialsOf('Notes de frais')).toBe('ND');
    expect(initialsOf('énergie-solaire')).toBe('ÉS');
    expect(initialsOf('  CRM ')).toBe('C');
    expect(initialsOf('🙂')).toBe('?');
  });

  it('gives the same app the same colour every time', () => {
    expect(badgeColourOf('wiki-k3f9qa')).toBe(badgeColourOf('wiki-k3f9qa'));
    expect(badgeColourOf('wiki-k3f9qa')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
