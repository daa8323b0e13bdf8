import type { SlaView, TicketStatus } from '@passerelle/contracts';
import type { MessageKey } from '../core/i18n';

/** Which SLA clock a ticket is on, how far from its due time, and whether a target was missed. */
export interface SlaStanding {
  /** `firstResponse` until support first answers, then `resolution`. */
  target: 'firstResponse' | 'resolution';
  dueAt: string;
  overdue: boolean;
  /** Either target missed (also a first response that came late): highlighted in the queue. */
  breached: boolean;
  /** How long until (or since) the due time, rounded for reading. */
  amount: { key: MessageKey; n: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "45 min", "5 h" (under two days), "3 d". Rounded down when time is left, up when overdue (never "0 min overdue"). */
export function durationAmount(ms: number, overdue: boolean): { key: MessageKey; n: number } {
  const round = overdue ? Math.ceil : Math.floor;
  if (ms < HOUR) {
    return { key: 'support.duration.minutes', n: Math.max(overdue ? 1 : 0, round(ms / MINUTE)) };
  }
  if (ms < 48 * HOUR) {
    return { key: 'support.duration.hours', n: round(ms / HOUR) };
  }
  return { key: 'support.duration.days', n: round(ms / (24 * HOUR)) };
}

/**
 * Where a ticket stands against its SLA at `now`: null once resolved or closed, or when no target applies.
 * Wall-clock time, like the server's due times.
 */
export function slaStanding(sla: SlaView, status: TicketStatus, now: Date): SlaStanding | null {
  if (status === 'resolved' || status === 'closed') {
    return null;
  }
  const awaitingFirst = !sla.firstResponseAt && !!sla.firstResponseDueAt;
  const dueAt = awaitingFirst ? sla.firstResponseDueAt : sla.resolutionDueAt;
  if (!dueAt) {
    return null;
  }
  const left = new Date(dueAt).getTime() - now.getTime();
  const overdue = left < 0;
  return {
    target: awaitingFirst ? 'firstResponse' : 'resolution',
    dueAt,
    overdue,
    breached: overdue || sla.firstResponseBreached || sla.resolutionBreached,
    amount: durationAmount(Math.abs(left), overdue),
  };
}
