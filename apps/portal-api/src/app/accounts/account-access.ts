import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../infra/clock';
import type { UserEntity } from './entities/user.entity';

/** Why an account may not be used right now. */
export type AccessProblem = 'disabled' | 'not_started' | 'ended';

type AccessFields = Pick<UserEntity, 'status' | 'accessStartsAt' | 'accessEndsAt'>;

/** THE rule for "may this account be used now": active, and inside its access window if it has one. */
export function accessProblem(user: AccessFields, now: Date): AccessProblem | undefined {
  if (user.status !== 'active') return 'disabled';
  if (user.accessEndsAt && user.accessEndsAt.getTime() <= now.getTime()) return 'ended';
  if (user.accessStartsAt && user.accessStartsAt.getTime() > now.getTime()) return 'not_started';
  return undefined;
}

/**
 * Every sign-in, session and token check asks here, with the injected clock. When it finds an
 * account whose access window has closed, it tells the listeners (the guests' lifecycle), which
 * end its sessions and tokens at once — so a late or stopped background job never extends access.
 */
@Injectable()
export class AccountAccess {
  private readonly logger = new Logger('AccountAccess');
  private readonly endListeners: Array<(userId: string) => Promise<void>> = [];

  constructor(private readonly clock: Clock) {}

  problem(user: AccessFields & { id: string }): AccessProblem | undefined {
    const problem = accessProblem(user, this.clock.now());
    if (problem === 'ended') this.noticeEnded(user.id);
    return problem;
  }

  /** True when the account exists and may be used now. */
  usable<T extends AccessFields & { id: string }>(user: T | null | undefined): user is T {
    return !!user && this.problem(user) === undefined;
  }

  onEndNoticed(listener: (userId: string) => Promise<void>): void {
    this.endListeners.push(listener);
  }

  private noticeEnded(userId: string): void {
    for (const listener of this.endListeners) {
      listener(userId).catch((error: Error) => this.logger.warn(`Ending access of ${userId}: ${error.message}`));
    }
  }
}
