import { Location } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Injectable, PendingTasks, type WritableSignal, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { type ApiErrorCode, ApiRoutes, SETUP_TOKEN_FRAGMENT_KEY, type SetupLinkStatus, WebRoutes } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import type { MessageKey } from '../../core/i18n';

export type DeadLinkReason = NonNullable<SetupLinkStatus['reason']>;
/** Why a page opened for a one-time link cannot show its form: no token in the address, or a dead link. */
export type LinkProblem = DeadLinkReason | 'missing';
export type LinkPurpose = NonNullable<SetupLinkStatus['purpose']>;
/** The pages that open one-time links; each has its own wording (`<page>.reason.<reason>.title|body`). */
export type LinkPage = 'setup' | 'activate';

/**
 * The ops CLI command that creates an administrator, complete and ready to copy (placeholders for the
 * email and name). Without a password it prints a one-time link where the person sets one.
 */
export const ADMIN_CLI_COMMAND = 'npm run portal -- user create --admin --email you@example.com --name "Your Name"';

const DEAD_LINK_REASONS: readonly DeadLinkReason[] = [
  'setup_link_invalid',
  'setup_link_expired',
  'setup_link_used',
  'setup_already_done',
];

/** Reasons after which signing in is the way forward, rather than a fresh link. */
const SIGN_IN_REASONS: ReadonlySet<string> = new Set<ApiErrorCode>(['setup_link_used', 'setup_already_done']);

const PAGE_OF: Readonly<Record<LinkPurpose, { page: LinkPage; route: string }>> = {
  first_admin: { page: 'setup', route: WebRoutes.setup },
  account_activation: { page: 'activate', route: WebRoutes.activate },
};

export function isDeadLinkReason(value: unknown): value is DeadLinkReason {
  return typeof value === 'string' && (DEAD_LINK_REASONS as readonly string[]).includes(value);
}

export function leadsToSignIn(code: string | null | undefined): boolean {
  return !!code && SIGN_IN_REASONS.has(code);
}

/** The title and body message keys explaining a link problem, in the wording of `page`. */
export function deadLinkMessages(page: LinkPage, problem: LinkProblem): { title: MessageKey; body: MessageKey } {
  if (problem === 'missing') {
    return { title: `${page}.missing.title`, body: `${page}.missing.body` };
  }
  return { title: `${page}.reason.${problem}.title`, body: `${page}.reason.${problem}.body` };
}

/**
 * Reads the one-time token from the URL fragment (`#token=…`), then removes it from the address bar
 * and history so it does not linger or get copied. Call in an injection context (a constructor).
 */
export function takeLinkToken(): string | null {
  const location = inject(Location);
  const fragment = inject(ActivatedRoute).snapshot.fragment;
  if (fragment === null) {
    return null;
  }
  // Keep the secret out of the address bar, history and anything copied from it.
  location.replaceState(location.path(false));
  return new URLSearchParams(fragment).get(SETUP_TOKEN_FRAGMENT_KEY)?.trim() || null;
}

/** What checking a link found: usable here, dead, moved to the page for its purpose, or not checked. */
export type LinkCheck =
  | { kind: 'valid'; status: SetupLinkStatus }
  | { kind: 'dead'; reason: DeadLinkReason }
  | { kind: 'moved' }
  /** `messageKey` is null when the server did not answer at all. */
  | { kind: 'unreachable'; messageKey: MessageKey | null };

/** Checks one-time links (POST /api/setup/link: in the body, the token stays out of access logs) for the setup and activation pages. */
@Injectable({ providedIn: 'root' })
export class SetupLinkService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly pendingTasks = inject(PendingTasks);

  /**
   * Asks whether the link still works. A valid link meant for the other page (a first-administrator
   * link opened on /activate, or the reverse) is sent there with its token, and reported as `moved`.
   */
  async check(token: string, page: LinkPage): Promise<LinkCheck> {
    const done = this.pendingTasks.add();
    try {
      const status = await firstValueFrom(this.http.post<SetupLinkStatus>(ApiRoutes.setupLink, { token }));
      if (!status.valid) {
        return { kind: 'dead', reason: status.reason ?? 'setup_link_invalid' };
      }
      const target = status.purpose ? PAGE_OF[status.purpose] : null;
      if (target && target.page !== page) {
        const fragment = new URLSearchParams({ [SETUP_TOKEN_FRAGMENT_KEY]: token }).toString();
        await this.router.navigate([target.route], { fragment, replaceUrl: true });
        return { kind: 'moved' };
      }
      return { kind: 'valid', status };
    } catch (error) {
      const failure = toApiFailure(error);
      if (isDeadLinkReason(failure.code)) {
        return { kind: 'dead', reason: failure.code };
      }
      return { kind: 'unreachable', messageKey: failure.status === 0 ? null : failureMessageKey(failure) };
    } finally {
      done();
    }
  }
}

/** What a page opened from a one-time link shows: the link being checked, a problem, its form, or success. */
export type LinkView = 'checking' | 'dead' | 'unreachable' | 'form' | 'done';

/**
 * The one-time link a page was opened with: takes its token from the address bar, checks it, and
 * tracks what to show. Create it in an injection context (a field initializer) and call `check()`.
 */
export class OneTimeLink {
  private readonly links = inject(SetupLinkService);
  /** The token, until the link is spent. */
  token: string | null = takeLinkToken();
  readonly view = signal<LinkView>('checking');
  /** Why there is no form, when the view is `dead`. */
  readonly deadReason = signal<LinkProblem>('setup_link_invalid');
  /** Why the check failed, when the view is `unreachable`. */
  readonly checkErrorKey: WritableSignal<MessageKey>;
  /** The server's answer for a valid link (whose account, when it expires). */
  readonly status = signal<SetupLinkStatus | null>(null);
  readonly page: LinkPage;

  constructor(page: LinkPage) {
    this.page = page;
    this.checkErrorKey = signal<MessageKey>(`${page}.unreachable.body`);
  }

  async check(): Promise<void> {
    if (!this.token) {
      this.deadReason.set('missing');
      this.view.set('dead');
      return;
    }
    this.view.set('checking');
    const check = await this.links.check(this.token, this.page);
    switch (check.kind) {
      case 'valid':
        this.status.set(check.status);
        this.view.set('form');
        break;
      case 'dead':
        this.deadReason.set(check.reason);
        this.view.set('dead');
        break;
      case 'unreachable':
        this.checkErrorKey.set(check.messageKey ?? `${this.page}.unreachable.body`);
        this.view.set('unreachable');
        break;
    }
  }

  /** The link did its job: forget the token and show success. */
  spent(): void {
    this.token = null;
    this.view.set('done');
  }
}
