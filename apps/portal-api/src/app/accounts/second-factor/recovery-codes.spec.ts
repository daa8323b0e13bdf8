import { randomBytes } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@passerelle/contracts';
import {
  RECOVERY_CODE_ALPHABET,
  deriveRecoveryCodeKey,
  generateRecoveryCode,
  generateRecoveryCodes,
  hashRecoveryCode,
  normaliseRecoveryCode,
} from './recovery-codes';

describe('recovery codes', () => {
  it('come as a set of distinct, readable codes', () => {
    const codes = generateRecoveryCodes();
    expect(codes.length).toBe(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$/);
  });

  it('carry at least 50 bits each, from an alphabet without look-alikes', () => {
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(RECOVERY_CODE_ALPHABET.length);
    for (const ambiguous of 'ilou') expect(RECOVERY_CODE_ALPHABET).not.toContain(ambiguous);
    const characters = generateRecoveryCode().replace(/-/g, '').length;
    expect(characters * Math.log2(RECOVERY_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
  });

  it('use the whole alphabet (no stuck characters)', () => {
    const seen = new Set(generateRecoveryCodes(200).join('').replace(/-/g, ''));
    expect(seen.size).toBe(RECOVERY_CODE_ALPHABET.length);
  });

  it('are read regardless of case, spaces, dashes and look-alike letters', () => {
    expect(normaliseRecoveryCode('7kq4-m2x9-pd')).toBe('7kq4m2x9pd');
    expect(normaliseRecoveryCode(' 7KQ4 M2X9 PD ')).toBe('7kq4m2x9pd');
    expect(normaliseRecoveryCode('7kq4m2x9pd')).toBe('7kq4m2x9pd');
    expect(normaliseRecoveryCode('1O0l-iabc-de')).toBe('1001' + '1abcde');
  });

  it('refuse input that cannot be a code', () => {
    expect(normaliseRecoveryCode('7kq4-m2x9-p')).toBeNull();
    expect(normaliseRecoveryCode('7kq4-m2x9-pdd')).toBeNull();
    expect(normaliseRecoveryCode('7kq4-m2x9-p!')).toBeNull();
    expect(normaliseRecoveryCode('7kq4-m2x9-pu')).toBeNull();
    expect(normaliseRecoveryCode('')).toBeNull();
  });

  describe('keyed hash', () => {
    const key = deriveRecoveryCodeKey(randomBytes(32));

    it('is 64 hex characters, the same for every way of typing the code', () => {
      const hash = hashRecoveryCode('7kq4-m2x9-pd', key);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hashRecoveryCode('7KQ4 M2X9 PD', key)).toBe(hash);
      expect(hashRecoveryCode('7kq4m2x9pd', key)).toBe(hash);
      expect(hashRecoveryCode('7kq4-m2x9-pe', key)).not.toBe(hash);
    });

    it('is null for input that cannot be a code', () => {
      expect(hashRecoveryCode('not a code', key)).toBeNull();
    });

    it('depends on the instance key, and is stable for one key', () => {
      const instanceKey = Buffer.alloc(32, 7);
      const a = hashRecoveryCode('7kq4-m2x9-pd', deriveRecoveryCodeKey(instanceKey));
      expect(hashRecoveryCode('7kq4-m2x9-pd', deriveRecoveryCodeKey(Buffer.from(instanceKey)))).toBe(a);
      expect(hashRecoveryCode('7kq4-m2x9-pd', deriveRecoveryCodeKey(Buffer.alloc(32, 8)))).not.toBe(a);
      // Pinned: stored hashes must keep matching after upgrades (HKDF-SHA256 'passerelle:recovery-codes', HMAC-SHA256).
      expect(a).toBe('ada2d21546a11121bfe20c8fc5436e8fbd03d98f976094fa886e6eb887fd8f49');
      // Derived, not the instance key itself.
      expect(deriveRecoveryCodeKey(instanceKey).equals(instanceKey)).toBeFalse();
    });
  });
});
