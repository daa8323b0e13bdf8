import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@passerelle/contracts';

/**
 * Single-use recovery codes, e.g. `7kq4-m2x9-pd`: 10 characters from Crockford's base32 alphabet
 * (no i, l, o, u), so 50 bits each. Typing i/l for 1 or o for 0 still works.
 *
 * Only a keyed hash is stored (HMAC-SHA256 under a key derived from the instance key): 50 bits
 * are too few to survive an offline search of a plain hash, but without the key a copy of the
 * database alone gives nothing to search against.
 */

export const RECOVERY_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const CODE_CHARACTERS = 10;
const GROUPS = [4, 4, 2];
const HKDF_LABEL = 'passerelle:recovery-codes';

export function generateRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

export function generateRecoveryCode(): string {
  let plain = '';
  // randomInt draws without modulo bias.
  for (let i = 0; i < CODE_CHARACTERS; i++) plain += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return format(plain);
}

/**
 * The canonical form of what someone typed (case, spaces and dashes ignored, look-alikes mapped),
 * or null when it can't be a recovery code.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const plain = input
    .toLowerCase()
    .replace(/[\s\u2010-\u2015-]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  if (plain.length !== CODE_CHARACTERS) return null;
  for (const char of plain) if (!RECOVERY_CODE_ALPHABET.includes(char)) return null;
  return plain;
}

/** The HMAC key for recovery codes, derived from the instance key (never the instance key itself). */
export function deriveRecoveryCodeKey(instanceKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', instanceKey, Buffer.alloc(0), HKDF_LABEL, 32));
}

/** 64 hex characters, or null when the input can't be a recovery code (so nothing to look up). */
export function hashRecoveryCode(code: string, key: Buffer): string | null {
  const plain = normaliseRecoveryCode(code);
  if (plain === null) return null;
  return createHmac('sha256', key).update(plain, 'utf8').digest('hex');
}

function format(plain: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(plain.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}
