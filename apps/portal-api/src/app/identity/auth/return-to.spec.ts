import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps paths on this site', () => {
    expect(safeReturnTo('/account')).toBe('/account');
    expect(safeReturnTo('/admin/users?search=marie#top')).toBe('/admin/users?search=marie#top');
  });

  it('sends anything else home', () => {
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', 'account', '', undefined, 42, '/a\nb', `/${'x'.repeat(2001)}`]) {
      expect(safeReturnTo(bad)).withContext(String(bad)).toBe('/');
    }
  });
});
