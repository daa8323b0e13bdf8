import { ATTACHMENT_TYPES } from '@passerelle/contracts';
import { likelyType, refuseFile, screenshotName, type Refusal } from './attachments';
import { type WidgetLang, translate } from './i18n';

/** The refusal as the person reads it (fails the spec when there is none). */
function said(lang: WidgetLang, refusal: Refusal | null): string {
  if (!refusal) throw new Error('expected a refusal');
  return translate(lang, refusal.key, refusal.params);
}

describe('attachment checks', () => {
  const limits = { maxBytes: 1024 * 1024, perMessage: 2, types: ATTACHMENT_TYPES };
  const file = (name: string, type: string, size = 10) => ({ name, type, size });

  it('accepts the allowed types, by declared type or by extension', () => {
    expect(refuseFile(file('a.png', 'image/png'), limits, 0)).toBeNull();
    expect(refuseFile(file('log.txt', ''), limits, 0)).toBeNull();
    expect(likelyType(file('data.csv', 'text/csv'))).toBe('text/plain');
    expect(likelyType(file('report.pdf', 'application/octet-stream'))).toBe('application/pdf');
  });

  it('refuses another type, and says why', () => {
    const refusal = refuseFile(file('setup.exe', 'application/x-msdownload'), limits, 0);
    expect(refusal?.key).toBe('refuse.type');
    expect(said('en', refusal)).toBe('setup.exe: this type of file is not accepted.');
    expect(refuseFile(file('page.html', 'text/html'), { ...limits, types: ['image/png'] }, 0)?.key).toBe('refuse.type');
  });

  it('refuses a file over the size limit, naming the limit', () => {
    const refusal = refuseFile(file('big.png', 'image/png', 2 * 1024 * 1024), limits, 0);
    expect(refusal?.key).toBe('refuse.size');
    expect(said('fr', refusal)).toBe('big.png : le fichier dépasse 1 MB.');
  });

  it('refuses one file too many', () => {
    const refusal = refuseFile(file('third.png', 'image/png'), limits, 2);
    expect(said('en', refusal)).toBe('third.png: at most 2 files per message.');
  });

  it('names a pasted screenshot after the time', () => {
    expect(screenshotName(new Date(2026, 11, 7, 9, 5, 3))).toBe('screenshot-20261207-090503.png');
  });
});
