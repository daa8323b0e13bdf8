import { redactUrl } from './logging';

describe('redactUrl', () => {
  it('hides the values of secret-looking query parameters', () => {
    expect(redactUrl('/api/setup/link?token=abc123')).toBe('/api/setup/link?token=%5Bredacted%5D');
    expect(redactUrl('/cb?code=xyz&state=s1&page=2')).toBe('/cb?code=%5Bredacted%5D&state=%5Bredacted%5D&page=2');
  });

  it('leaves ordinary URLs alone', () => {
    expect(redactUrl('/api/users?page=2&search=marie')).toBe('/api/users?page=2&search=marie');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});
