import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and never seals the same value to the same text twice', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP', 'totp');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'totp');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(a, 'totp')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a value sealed for another purpose', () => {
    expect(() => box.open(box.seal('secret', 'totp'), 'signing-key')).toThrow();
  });

  it('refuses a value sealed under another instance key', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal('secret', 'totp'), 'totp')).toThrow();
  });

  it('refuses an altered value', () => {
    const sealed = box.seal('secret', 'totp');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'totp')).toThrow();
    expect(() => box.open('garbage', 'totp')).toThrow();
  });
});
