import { createHmac } from 'node:crypto';
import { generateTotpSecret, groupSecret, matchTotpStep, otpauthUri, totpCodeForStep, totpStep, type TotpAlgorithm } from './totp';

/* An independent RFC 4226/6238 implementation (node:crypto only), standing in for an authenticator app. */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(bytes: Buffer): string {
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += BASE32[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

function base32Decode(text: string): Buffer {
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function referenceCode(key: Buffer, unixSeconds: number, algorithm: TotpAlgorithm, digits: number, period = 30): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / period)));
  const mac = createHmac(algorithm.toLowerCase(), key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('TOTP', () => {
  describe('RFC 6238 Appendix B test vectors', () => {
    const seeds: Record<TotpAlgorithm, string> = {
      SHA1: '12345678901234567890',
      SHA256: '12345678901234567890123456789012',
      SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
    };
    const vectors: [number, Record<TotpAlgorithm, string>][] = [
      [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
      [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
      [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
      [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
      [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
      [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
    ];

    for (const [time, codes] of vectors) {
      for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
        it(`${algorithm} at T=${time} is ${codes[algorithm]}`, () => {
          const secret = base32Encode(Buffer.from(seeds[algorithm], 'ascii'));
          const options = { algorithm, digits: 8, period: 30 };
          const step = Math.floor(time / 30);
          expect(totpCodeForStep(secret, step, options)).toBe(codes[algorithm]);
          expect(matchTotpStep(secret, codes[algorithm], at(time), options)).toBe(step);
          // The spec's own check of the reference implementation used below.
          expect(referenceCode(Buffer.from(seeds[algorithm], 'ascii'), time, algorithm, 8)).toBe(codes[algorithm]);
        });
      }
    }
  });

  describe('the window of accepted steps', () => {
    const secret = generateTotpSecret();
    const now = at(1_750_000_015); // mid-step
    const current = totpStep(now);

    for (const offset of [-1, 0, 1]) {
      it(`accepts the code of step T${offset === 0 ? '' : offset > 0 ? `+${offset}` : offset} and returns that step`, () => {
        expect(matchTotpStep(secret, totpCodeForStep(secret, current + offset), now)).toBe(current + offset);
      });
    }

    for (const offset of [-2, 2]) {
      it(`refuses the code of step T${offset > 0 ? `+${offset}` : offset}`, () => {
        const code = totpCodeForStep(secret, current + offset);
        // Skip the astronomically rare case where the far code equals one inside the window.
        const inWindow = [-1, 0, 1].map((o) => totpCodeForStep(secret, current + o));
        if (inWindow.includes(code)) return pending('code collision inside the window');
        expect(matchTotpStep(secret, code, now)).toBeNull();
      });
    }

    it('uses the step boundaries exactly (T is floor(unix time / period))', () => {
      const boundary = at(current * 30);
      expect(totpStep(boundary)).toBe(current);
      expect(totpStep(new Date(boundary.getTime() - 1))).toBe(current - 1);
    });

    it('works for 8 digits and SHA512 too', () => {
      const options = { algorithm: 'SHA512' as const, digits: 8, period: 30 };
      const code = totpCodeForStep(secret, current + 1, options);
      expect(code).toMatch(/^\d{8}$/);
      expect(matchTotpStep(secret, code, now, options)).toBe(current + 1);
      expect(matchTotpStep(secret, code.slice(2), now, options)).toBeNull();
    });
  });

  describe('input', () => {
    const secret = generateTotpSecret();
    const now = at(1_750_000_000);
    const code = totpCodeForStep(secret, totpStep(now));

    it('ignores spaces people type', () => {
      expect(matchTotpStep(secret, ` ${code.slice(0, 3)} ${code.slice(3)}\t`, now)).toBe(totpStep(now));
    });

    it('refuses codes of the wrong length or with other characters', () => {
      expect(matchTotpStep(secret, code.slice(1), now)).toBeNull();
      expect(matchTotpStep(secret, `${code}0`, now)).toBeNull();
      expect(matchTotpStep(secret, `${code.slice(1)}a`, now)).toBeNull();
      expect(matchTotpStep(secret, '', now)).toBeNull();
    });
  });

  describe('secrets and the otpauth URI', () => {
    it('generates 160-bit base32 secrets, different each time', () => {
      const secret = generateTotpSecret();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32Decode(secret).length).toBe(20);
      expect(generateTotpSecret()).not.toBe(secret);
    });

    it('groups the secret by four for manual entry', () => {
      expect(groupSecret('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')).toBe('ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
    });

    it('names the organisation as issuer, defaulting to SHA1, 6 digits, 30 seconds', () => {
      const secret = generateTotpSecret();
      const uri = new URL(otpauthUri({ issuer: 'Atelier Lumière SA', accountName: 'lea@acme.test', secret }));
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.host).toBe('totp');
      expect(decodeURIComponent(uri.pathname)).toBe('/Atelier Lumière SA:lea@acme.test');
      expect(uri.searchParams.get('secret')).toBe(secret);
      expect(uri.searchParams.get('issuer')).toBe('Atelier Lumière SA');
      expect(uri.searchParams.get('algorithm') ?? 'SHA1').toBe('SHA1');
      expect(Number(uri.searchParams.get('digits') ?? 6)).toBe(6);
      expect(Number(uri.searchParams.get('period') ?? 30)).toBe(30);
    });

    it('accepts the codes an ordinary authenticator computes from the URI', () => {
      for (const parameters of [{}, { algorithm: 'SHA256' as const, digits: 8, period: 60 }, { algorithm: 'SHA512' as const }]) {
        const uri = new URL(otpauthUri({ issuer: 'Acme', accountName: 'lea@acme.test', secret: generateTotpSecret(), ...parameters }));
        // What an app reads from the QR code.
        const key = base32Decode(uri.searchParams.get('secret') ?? '');
        const algorithm = (uri.searchParams.get('algorithm') ?? 'SHA1') as TotpAlgorithm;
        const digits = Number(uri.searchParams.get('digits') ?? 6);
        const period = Number(uri.searchParams.get('period') ?? 30);
        expect({ algorithm, digits, period }).toEqual({ algorithm: 'SHA1', digits: 6, period: 30, ...parameters });

        for (const time of [1_750_000_000, 1_750_000_029, 2_000_000_000]) {
          const appCode = referenceCode(key, time, algorithm, digits, period);
          const matched = matchTotpStep(uri.searchParams.get('secret') ?? '', appCode, at(time), { algorithm, digits, period });
          expect(matched).withContext(`${algorithm}/${digits}/${period} at ${time}`).toBe(Math.floor(time / period));
        }
      }
    });
  });
});
