import { timingSafeEqual } from 'node:crypto';
import { generateSecret, generateSync, generateURI, type HashAlgorithm } from 'otplib';
import { TOTP_CODE_LENGTH, type TotpEnrolment } from '@passerelle/contracts';

/**
 * RFC 6238 time-based codes, as pure functions (no clock, no storage). otplib computes the codes;
 * the step matching is ours, because callers need the matched time step for replay protection.
 */

export type TotpAlgorithm = TotpEnrolment['algorithm'];

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
}

/** What every authenticator app understands; new enrolments always use it. */
export const DEFAULT_TOTP_PARAMETERS: Readonly<TotpParameters> = { algorithm: 'SHA1', digits: TOTP_CODE_LENGTH, period: 30 };

/** Codes from the previous and next step are accepted too (clock drift, typing time). */
export const TOTP_WINDOW_STEPS = 1;

const SECRET_BYTES = 20; // 160 bits, the HMAC-SHA1 block size recommended by RFC 4226

export function generateTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

export interface OtpauthUriInput extends Partial<TotpParameters> {
  /** The organisation name: what the authenticator shows above the account. */
  issuer: string;
  accountName: string;
  secret: string;
}

export function otpauthUri(input: OtpauthUriInput): string {
  const { algorithm, digits, period } = { ...DEFAULT_TOTP_PARAMETERS, ...definedOnly(input) };
  return generateURI({
    issuer: input.issuer,
    label: input.accountName,
    secret: normaliseSecret(input.secret),
    algorithm: toOtplibAlgorithm(algorithm),
    digits,
    period,
  });
}

/** The time step (RFC 6238 "T") that contains `at`. */
export function totpStep(at: Date, period: number = DEFAULT_TOTP_PARAMETERS.period): number {
  return Math.floor(at.getTime() / 1000 / period);
}

/** The code for one time step. */
export function totpCodeForStep(secret: string, step: number, options: Partial<TotpParameters> = {}): string {
  const { algorithm, digits, period } = { ...DEFAULT_TOTP_PARAMETERS, ...definedOnly(options) };
  return generateSync({
    secret: normaliseSecret(secret),
    algorithm: toOtplibAlgorithm(algorithm),
    digits,
    period,
    epoch: step * period,
  });
}

/** What people type: digits, maybe with spaces ("123 456"). */
export function normaliseTotpCode(code: string): string {
  return code.replace(/\s+/g, '');
}

/**
 * The time step (T-1, T or T+1 around `at`) whose code equals `code`, or null. Every candidate
 * is computed and compared in constant time, so timing doesn't tell which step (if any) matched.
 */
export function matchTotpStep(secret: string, code: string, at: Date, options: Partial<TotpParameters> = {}): number | null {
  const parameters = { ...DEFAULT_TOTP_PARAMETERS, ...definedOnly(options) };
  const given = normaliseTotpCode(code);
  // The format isn't secret: refuse anything that can't be a code before doing any HMAC.
  if (given.length !== parameters.digits || !/^\d+$/.test(given)) return null;
  const givenBytes = Buffer.from(given, 'ascii');
  const now = totpStep(at, parameters.period);
  let matched: number | null = null;
  for (let step = now - TOTP_WINDOW_STEPS; step <= now + TOTP_WINDOW_STEPS; step++) {
    const expected = Buffer.from(totpCodeForStep(secret, step, parameters), 'ascii');
    // Keep the latest matching step (a code repeating across steps is astronomically rare).
    if (timingSafeEqual(expected, givenBytes)) matched = step;
  }
  return matched;
}

/** The base32 key in groups of four, for typing into an authenticator by hand. */
export function groupSecret(secret: string): string {
  return (normaliseSecret(secret).match(/.{1,4}/g) ?? []).join(' ');
}

/** Base32 as apps accept it: upper case, no spaces, no padding. */
function normaliseSecret(secret: string): string {
  return secret.replace(/[\s=]+/g, '').toUpperCase();
}

function toOtplibAlgorithm(algorithm: TotpAlgorithm): HashAlgorithm {
  return algorithm.toLowerCase() as HashAlgorithm;
}

/** `{ ...defaults, ...options }` without explicit `undefined`s overriding the defaults. */
function definedOnly(options: Partial<TotpParameters>): Partial<TotpParameters> {
  const out: Partial<TotpParameters> = {};
  if (options.algorithm !== undefined) out.algorithm = options.algorithm;
  if (options.digits !== undefined) out.digits = options.digits;
  if (options.period !== undefined) out.period = options.period;
  return out;
}
