import type { FeedProblem, FeedProblemCode } from '@passerelle/contracts';

const PARAM_MAX = 200;

/**
 * Why a poll failed: the feed's state (`blocked` when the address was refused, else `error`), an
 * English sentence for administrators and logs, and the same as a code with parameters, which the
 * console translates.
 */
export class FeedProblemError extends Error {
  readonly problem: FeedProblem;

  constructor(
    readonly state: 'error' | 'blocked',
    code: FeedProblemCode,
    message: string,
    params: Record<string, string> = {},
  ) {
    super(message);
    // Parameters are short by nature; a long URL is cut so the stored problem stays small.
    this.problem = { code, params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value.slice(0, PARAM_MAX)])) };
  }
}
