export type DurationUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Record<DurationUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

/** 480 → 8 hours, 90 → 90 minutes, 4320 → 3 days: the largest unit that keeps a whole number. */
export function splitMinutes(minutes: number): { amount: number; unit: DurationUnit } {
  if (minutes > 0 && minutes % UNIT_MINUTES.days === 0) {
    return { amount: minutes / UNIT_MINUTES.days, unit: 'days' };
  }
  if (minutes > 0 && minutes % UNIT_MINUTES.hours === 0) {
    return { amount: minutes / UNIT_MINUTES.hours, unit: 'hours' };
  }
  return { amount: minutes, unit: 'minutes' };
}

/** The minutes for what was typed, or null when it is not a positive whole number. */
export function toMinutes(amount: string, unit: DurationUnit): number | null {
  const value = Number(amount.trim().replace(',', '.'));
  if (!amount.trim() || !Number.isFinite(value) || value <= 0) {
    return null;
  }
  const minutes = value * UNIT_MINUTES[unit];
  return Number.isInteger(minutes) ? minutes : null;
}
