// The person's authenticator app, in the test: RFC 6238 codes (SHA-1, 6 digits, 30 s) from the key
// read off the enrolment page. The portal accepts each time step once, so a second sign-in in the
// same step has to wait for the next one (freshCode does).
import { generateSync } from 'otplib';

const PERIOD_SECONDS = 30;

export interface TotpCode {
  code: string;
  step: number;
}

/** The key as people type it: groups of four, spaces allowed. */
export function compactKey(key: string): string {
  return key.replace(/\s+/g, '').toUpperCase();
}

export function currentStep(at = Date.now()): number {
  return Math.floor(at / 1000 / PERIOD_SECONDS);
}

export function codeForStep(secret: string, step: number): string {
  return generateSync({ secret: compactKey(secret), algorithm: 'sha1', digits: 6, period: PERIOD_SECONDS, epoch: step * PERIOD_SECONDS });
}

/**
 * A code for a step after `usedStep` (the one already spent), waiting for the clock when needed;
 * also waits when the current step is about to end, so the code is still current when it arrives.
 */
export async function freshCode(secret: string, usedStep: number | null = null): Promise<TotpCode> {
  for (;;) {
    const now = Date.now();
    const step = currentStep(now);
    const leftMs = (step + 1) * PERIOD_SECONDS * 1000 - now;
    if ((usedStep === null || step > usedStep) && leftMs > 3_000) return { code: codeForStep(secret, step), step };
    await new Promise((r) => setTimeout(r, Math.min(leftMs + 50, 1_000)));
  }
}

/** Six digits that match no step the portal could accept now (±2 steps, to be safe). */
export function wrongCode(secret: string): string {
  const step = currentStep();
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeForStep(secret, step + d)));
  for (let n = 123_456; ; n = (n + 1) % 1_000_000) {
    const candidate = String(n).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}
