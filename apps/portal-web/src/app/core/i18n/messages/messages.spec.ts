import { en } from './en';
import { fr } from './fr';

function placeholders(text: string): string[] {
  return (text.match(/\{\w+\}/g) ?? []).sort();
}

describe('message dictionaries', () => {
  it('have exactly the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty message in either language', () => {
    const empty = [...Object.entries(en), ...Object.entries(fr)].filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter(
      (key) =>
        placeholders(en[key as keyof typeof en]).join() !== placeholders(fr[key as keyof typeof fr]).join(),
    );
    expect(mismatched).toEqual([]);
  });
});
